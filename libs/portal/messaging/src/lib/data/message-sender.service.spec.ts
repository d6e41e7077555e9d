import { TestBed } from '@angular/core/testing';
import { answerLost, keyOf, serverAnsweredByTest } from '@derm/portal/core/testing';
import { ChatMessage, IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';
import { POSTED_MESSAGE } from './posted-message.testing';
import { MessageSender, SEND_RETRY_DELAYS_MS } from './message-sender.service';

const URL = '/api/threads/t1/messages';
const stored = POSTED_MESSAGE;

describe('MessageSender', () => {
  let sender: MessageSender;
  const server = serverAnsweredByTest();

  beforeEach(() => {
    sender = TestBed.inject(MessageSender);
  });

  it('sends a lost post again with the same key, and answers the message the server kept', () => {
    const answers: ChatMessage[] = [];
    sender.send('t1', 'Call the lab').subscribe((message) => answers.push(message));
    const first = server.http.expectOne(URL);
    expect(first.request.body).toEqual({ body: 'Call the lab' });
    expect(keyOf(first)).toMatch(IDEMPOTENCY_KEY_PATTERN);
    answerLost(first);

    jest.advanceTimersByTime(SEND_RETRY_DELAYS_MS[0]);
    const retry = server.http.expectOne(URL);
    expect(keyOf(retry)).toBe(keyOf(first));
    retry.flush(stored);
    expect(answers).toEqual([stored]);
  });

  it('keeps the key when the person sends the same text again after giving up, and makes a new one once sent', () => {
    const failures: unknown[] = [];
    sender.send('t1', 'Call the lab').subscribe({ error: (error) => failures.push(error) });
    const first = server.http.expectOne(URL);
    answerLost(first);
    for (const delay of SEND_RETRY_DELAYS_MS) {
      jest.advanceTimersByTime(delay);
      const retry = server.http.expectOne(URL);
      expect(keyOf(retry)).toBe(keyOf(first));
      answerLost(retry);
    }
    expect(failures).toHaveLength(1);

    sender.send('t1', 'Call the lab').subscribe();
    const byHand = server.http.expectOne(URL);
    expect(keyOf(byHand)).toBe(keyOf(first));
    byHand.flush(stored);

    sender.send('t1', 'Call the lab').subscribe();
    const next = server.http.expectOne(URL);
    expect(keyOf(next)).not.toBe(keyOf(first));
    next.flush({ ...stored, id: 'm2' });
  });

  it('keeps a message given up on in one conversation under its key while the person writes in another', () => {
    const giveUp = (threadId: string, body: string): string | null => {
      const url = `/api/threads/${threadId}/messages`;
      sender.send(threadId, body).subscribe({ error: () => undefined });
      const first = server.http.expectOne(url);
      answerLost(first);
      for (const delay of SEND_RETRY_DELAYS_MS) {
        jest.advanceTimersByTime(delay);
        answerLost(server.http.expectOne(url));
      }
      return keyOf(first);
    };
    const inFirst = giveUp('t1', 'Call the lab');
    const inSecond = giveUp('t2', 'Room 4 is free');
    expect(inSecond).not.toBe(inFirst);

    sender.send('t1', 'Call the lab').subscribe();
    const again = server.http.expectOne(URL);
    expect(keyOf(again)).toBe(inFirst);
    again.flush(stored);
  });

  it('does not retry a refusal: a 403 fails at once', () => {
    const failures: unknown[] = [];
    sender.send('t1', 'Call the lab').subscribe({ error: (error) => failures.push(error) });
    server.http.expectOne(URL).flush({ message: 'Only participants' }, { status: 403, statusText: 'Forbidden' });
    jest.advanceTimersByTime(10_000);
    server.http.expectNone(URL);
    expect(failures).toHaveLength(1);
  });
});
