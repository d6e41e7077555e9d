import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ClinicClock } from '@derm/portal/core';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { MessageDrafts } from '../data/message-drafts.service';
import { ThreadRowComponent } from './thread-row.component';

const lastMessage: ChatMessage = {
  id: 'm1',
  kind: 'message',
  senderId: 'ana',
  senderName: 'Dr. Ana Ortiz',
  body: 'Biopsy results are in',
  sentAt: '2031-06-02T09:00:00.000Z',
};
const biopsy: ThreadSummary = {
  id: 't1',
  subject: 'Biopsy follow-up',
  participants: [
    { id: 'ana', name: 'Dr. Ana Ortiz', active: true },
    { id: 'nora', name: 'Nora Quinn', active: true },
  ],
  unread: 0,
  lastMessage,
  lastActivityAt: lastMessage.sentAt,
  readBy: {},
};
const withNora = (thread: ThreadSummary, active: boolean): ThreadSummary => ({
  ...thread,
  participants: thread.participants.map((p) => (p.id === 'nora' ? { ...p, active } : p)),
});

describe('ThreadRowComponent', () => {
  let fixture: ComponentFixture<ThreadRowComponent>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal('2031-06-02') } },
        { provide: MessageDrafts, useValue: { of: () => '' } },
      ],
    });
    fixture = TestBed.createComponent(ThreadRowComponent);
    fixture.componentRef.setInput('testId', 'thread-item');
  });

  const show = async (thread: ThreadSummary, showPeople = false) => {
    fixture.componentRef.setInput('thread', thread);
    fixture.componentRef.setInput('showPeople', showPeople);
    await fixture.whenStable();
  };
  const text = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;

  it('in the list, names who is no longer active beside the subject, the last message still shown, until they are back', async () => {
    await show(biopsy);
    expect(text('thread-people')).toBeNull();
    expect(text('thread-preview')).toBe('Dr. Ana Ortiz: Biopsy results are in');

    await show(withNora(biopsy, false));
    expect(text('thread-people')).toBe('Dr. Ana Ortiz, Nora Quinn (no longer active)');
    expect(text('thread-preview')).toBe('Dr. Ana Ortiz: Biopsy results are in');

    await show(withNora(biopsy, true));
    expect(text('thread-people')).toBeNull();
  });

  it('a thread without messages names its people once, marked, rather than "No messages yet" under them', async () => {
    const quiet = withNora({ ...biopsy, lastMessage: undefined }, false);
    await show(quiet);
    expect(text('thread-people')).toBe('Dr. Ana Ortiz, Nora Quinn (no longer active)');
    expect(text('thread-preview')).toBe('No messages yet');
    await show(withNora(quiet, true));
    expect(text('thread-people')).toBeNull();
    expect(text('thread-preview')).toBe('Dr. Ana Ortiz, Nora Quinn');
  });

  it('on a chart, where the people always show, marks who is no longer active', async () => {
    await show(withNora(biopsy, false), true);
    expect(text('thread-people')).toBe('Dr. Ana Ortiz, Nora Quinn (no longer active)');
  });
});
