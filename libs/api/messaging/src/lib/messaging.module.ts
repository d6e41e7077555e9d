import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '@derm/api/patients';
import { MessageThreadEntity } from './entities/message-thread.entity';
import { MessageEntity } from './entities/message.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';
import { MessagesService } from './messages.service';
import { MessagingGateway } from './messaging.gateway';
import { ThreadPatientFinder } from './thread-patient.finder';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';
import { typingTrackerProvider } from './typing/typing-tracker.provider';
import { UnreadCounts } from './unread-counts.service';

@Module({
  imports: [TypeOrmModule.forFeature([MessageThreadEntity, ThreadParticipantEntity, MessageEntity]), PatientsModule],
  controllers: [ThreadsController],
  providers: [
    ThreadsService,
    MessagesService,
    UnreadCounts,
    typingTrackerProvider,
    MessagingGateway,
    ThreadPatientFinder,
  ],
  exports: [ThreadsService, MessagesService, UnreadCounts],
})
export class MessagingModule {}
