import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuditsPatientRead, patientFilter, patientFoundBy, patientOfAnswer } from '@derm/api/patients';
import { ChatMessage, ThreadSummary, UnreadMessagesCount } from '@derm/shared/contracts';
import { AddParticipantsDto } from './dto/add-participants.dto';
import { CreateThreadDto } from './dto/create-thread.dto';
import { ListMessagesQuery } from './dto/list-messages.query';
import { ListThreadsQuery } from './dto/list-threads.query';
import { PostMessageDto } from './dto/post-message.dto';
import { MessagesService } from './messages.service';
import { ThreadPatientFinder } from './thread-patient.finder';
import { ThreadsService } from './threads.service';
import { UnreadCounts } from './unread-counts.service';

@Controller('threads')
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly messages: MessagesService,
    private readonly unread: UnreadCounts,
  ) {}

  /**
   * With `patientId`, a read of that patient's conversations, in the access log; without, a page of
   * the caller's inbox, whose summaries name the patients talked about.
   */
  @Get()
  @Paginated()
  @AuditsPatientRead('conversations', patientFilter('patientId'), 'inbox')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListThreadsQuery): Promise<Page<ThreadSummary>> {
    return this.threads.listMine(user, ListThreadsQuery.requestedPage(query), query.patientId);
  }

  /** For a header badge: the same shape as `message:unread-count`. */
  @Get('unread-count')
  unreadCount(@CurrentUser() user: AuthenticatedUser): Promise<UnreadMessagesCount> {
    return this.unread.of(user.tenantId, user.userId);
  }

  /**
   * The caller's most recently active conversation with just this colleague; 404 when there is
   * none. One about a patient is a read of their conversation, in the access log.
   */
  @Get('direct/:userId')
  @AuditsPatientRead('conversation', patientOfAnswer)
  direct(
    @CurrentUser() user: AuthenticatedUser,
    @Param('userId', ParseLowerCaseUuidPipe) userId: string,
  ): Promise<ThreadSummary> {
    return this.threads.findDirect(user, userId);
  }

  /**
   * One of the caller's threads, as the list shows it (e.g. one opened by its address, older than
   * the list's pages). One about a patient is a read of their conversation, in the access log.
   */
  @Get(':id')
  @AuditsPatientRead('conversation', patientOfAnswer)
  one(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseLowerCaseUuidPipe) id: string): Promise<ThreadSummary> {
    return this.threads.getMine(user, id);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateThreadDto): Promise<ThreadSummary> {
    return this.threads.create(user, dto);
  }

  /** Colleagues join the thread; the answer is the thread as the caller's list shows it. */
  @Post(':id/participants')
  @HttpCode(200)
  addParticipants(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() dto: AddParticipantsDto,
  ): Promise<ThreadSummary> {
    return this.threads.addParticipants(user, id, dto);
  }

  /** The caller leaves the thread: it leaves their list, and everyone who was in it hears who remains. */
  @Delete(':id/participants/me')
  @HttpCode(204)
  leave(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseLowerCaseUuidPipe) id: string): Promise<void> {
    return this.threads.leave(user, id);
  }

  /** In a thread about a patient, a read of their messages, in the access log. */
  @Get(':id/messages')
  @Paginated()
  @AuditsPatientRead('messages', patientFoundBy(ThreadPatientFinder))
  messagesOf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Query() { before, cursor, limit }: ListMessagesQuery,
  ): Promise<Page<ChatMessage>> {
    return this.messages.list(user, id, { before, cursor, limit });
  }

  /** With an `Idempotency-Key`, a retry answers the first message rather than posting again. */
  @Post(':id/messages')
  @AcceptsIdempotencyKey()
  post(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() { body }: PostMessageDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChatMessage> {
    return this.messages.post(user, id, body, idempotencyKey);
  }
}
