import { TestBed } from '@angular/core/testing';
import { answerLost, keyOf, serverAnsweredByTest } from '@derm/portal/core/testing';
import { LOST_ANSWER_RETRY_DELAYS_MS } from '@derm/portal/core';
import { AnnouncementView, IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';
import { AnnouncementsApi } from './announcements-api.service';

describe('AnnouncementsApi', () => {
  let announcements: AnnouncementsApi;
  const server = serverAnsweredByTest();

  beforeEach(() => {
    announcements = TestBed.inject(AnnouncementsApi);
  });

  it('sends an announcement with a key, the same on the retry after a lost answer; a refusal is final', () => {
    const request = { title: 'Closed Friday', body: 'Staff meeting' };
    const answers: AnnouncementView[] = [];
    announcements.send(request).subscribe((view) => answers.push(view));
    const first = server.http.expectOne({ method: 'POST', url: '/api/announcements' });
    expect(keyOf(first)).toMatch(IDEMPOTENCY_KEY_PATTERN);
    answerLost(first);
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    const retry = server.http.expectOne('/api/announcements');
    expect(keyOf(retry)).toBe(keyOf(first));
    const posted = { id: 'an1', ...request, recipients: 4 } as AnnouncementView;
    retry.flush(posted);
    expect(answers).toEqual([posted]);

    const failures: unknown[] = [];
    announcements.send({ ...request, title: 'Open Friday' }).subscribe({ error: (error) => failures.push(error) });
    const refused = server.http.expectOne('/api/announcements');
    expect(keyOf(refused)).not.toBe(keyOf(first));
    refused.flush({ message: 'no' }, { status: 403, statusText: 'Forbidden' });
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    server.http.expectNone('/api/announcements');
    expect(failures).toHaveLength(1);
  });
});
