import { Body, Controller, Get, Post } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { TaskView } from '@derm/shared/contracts';
import { CreateTaskDto } from './dto/create-task.dto';
import { TasksService } from './tasks.service';

@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** Tasks assigned to the caller, newest first. */
  @Get()
  mine(@CurrentUser() user: AuthenticatedUser): Promise<TaskView[]> {
    return this.tasks.assignedTo(user);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateTaskDto): Promise<TaskView> {
    return this.tasks.create(user, dto);
  }
}
