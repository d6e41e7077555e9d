import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthSession, ConnectionService } from '@derm/portal/core';
import { DomainEvent } from '@derm/shared/contracts';
import { Subject } from 'rxjs';
import { MessageDrafts } from './message-drafts.service';
import { MessagingEvents } from './messaging-events.service';

describe('MessageDrafts', () => {
  let drafts: MessageDrafts;
  let userChanged: Subject<unknown>;
  let participantLeft: Subject<DomainEvent<'thread:participant-left'>>;

  const left = (threadId: string, leftId: string) =>
    ({ data: { threadId, leftId, participants: [] } }) as unknown as DomainEvent<'thread:participant-left'>;

  beforeEach(() => {
    userChanged = new Subject();
    participantLeft = new Subject();
    TestBed.configureTestingModule({
      providers: [
        { provide: ConnectionService, useValue: { userChanged$: userChanged } },
        { provide: AuthSession, useValue: { userId: signal('nora') } },
        { provide: MessagingEvents, useValue: { participantLeft$: participantLeft } },
      ],
    });
    drafts = TestBed.inject(MessageDrafts);
  });

  it('keeps one draft per thread, and blank text as none', () => {
    drafts.keep('t1', 'Biopsy kit');
    drafts.keep('t2', 'Lunch?');
    expect([drafts.of('t1'), drafts.of('t2'), drafts.of('t3')]).toEqual(['Biopsy kit', 'Lunch?', '']);
    drafts.keep('t1', '   ');
    expect(drafts.of('t1')).toBe('');
  });

  it('drops a sent draft, unless more was written while it was on its way', () => {
    drafts.keep('t1', ' Biopsy kit ');
    drafts.sent('t1', 'Biopsy kit');
    expect(drafts.of('t1')).toBe('');
    drafts.keep('t1', 'Biopsy kit, and gauze');
    drafts.sent('t1', 'Biopsy kit');
    expect(drafts.of('t1')).toBe('Biopsy kit, and gauze');
  });

  it('drops every draft when the person changes, and a thread’s when they leave it', () => {
    drafts.keep('t1', 'Biopsy kit');
    drafts.keep('t2', 'Lunch?');
    participantLeft.next(left('t1', 'felix'));
    expect(drafts.of('t1')).toBe('Biopsy kit');
    participantLeft.next(left('t1', 'nora'));
    expect(drafts.of('t1')).toBe('');
    userChanged.next(null);
    expect(drafts.of('t2')).toBe('');
  });
});
