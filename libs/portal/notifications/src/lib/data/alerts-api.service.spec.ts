import { TestBed } from '@angular/core/testing';
import { answerLost, keyOf, serverAnsweredByTest } from '@derm/portal/core/testing';
import { LOST_ANSWER_RETRY_DELAYS_MS } from '@derm/portal/core';
import { AlertSummary, IDEMPOTENCY_KEY_PATTERN, SendAlertRequest } from '@derm/shared/contracts';
import { AlertsApi } from './alerts-api.service';

const alert: SendAlertRequest = { title: 'Patient fainted', body: 'Room 3', to: { userIds: ['u1'] } };
const sent = { id: 'al1', title: alert.title } as AlertSummary;

describe('AlertsApi', () => {
  let alerts: AlertsApi;
  const server = serverAnsweredByTest();

  beforeEach(() => {
    alerts = TestBed.inject(AlertsApi);
  });

  const alertRequest = () => server.http.expectOne({ method: 'POST', url: '/api/alerts' });

  it('sends an alert again with the same key after a lost answer, and answers the alert the server kept', () => {
    const answers: AlertSummary[] = [];
    alerts.send(alert).subscribe((summary) => answers.push(summary));
    const first = alertRequest();
    expect(first.request.body).toEqual(alert);
    expect(keyOf(first)).toMatch(IDEMPOTENCY_KEY_PATTERN);
    answerLost(first);

    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    const retry = alertRequest();
    expect(keyOf(retry)).toBe(keyOf(first));
    retry.flush(sent);
    expect(answers).toEqual([sent]);
  });

  it('keeps the key when the person sends the same alert again after a failure, and makes a new one once sent', () => {
    const failures: unknown[] = [];
    alerts.send(alert).subscribe({ error: (error) => failures.push(error) });
    const first = alertRequest();
    answerLost(first);
    for (const delay of LOST_ANSWER_RETRY_DELAYS_MS) {
      jest.advanceTimersByTime(delay);
      answerLost(alertRequest());
    }
    expect(failures).toHaveLength(1);

    alerts.send({ ...alert }).subscribe();
    const byHand = alertRequest();
    expect(keyOf(byHand)).toBe(keyOf(first));
    byHand.flush(sent);

    alerts.send(alert).subscribe();
    const next = alertRequest();
    expect(keyOf(next)).not.toBe(keyOf(first));
    next.flush(sent);
  });
});
