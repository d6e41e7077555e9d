import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { TaskView } from '@derm/shared/contracts';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TasksService } from './tasks.service';

@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** Tasks assigned to the caller, newest first. */
  @Get()
  @Paginated()
  mine(@CurrentUser() user: AuthenticatedUser, @Query() page: ListTasksQuery): Promise<Page<TaskView>> {
    return this.tasks.assignedTo(user, ListTasksQuery.requestedPage(page));
  }

  @Post()
  @AcceptsIdempotencyKey()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateTaskDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<TaskView> {
    return this.tasks.create(user, dto, key);
  }
}
