import type { MetricValue } from 'prom-client';
import { RealtimeMetrics } from './realtime-metrics.service';
import { ORIGIN_NOT_ALLOWED, TOO_MANY_PENDING_CONNECTIONS } from './labels';
import { observeHandshake, observeRequestCheck, timeCommand } from './socket-observers';

const valueOf = async (metrics: RealtimeMetrics, name: string, labels: Record<string, string>) => {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
};

describe('socket observers', () => {
  it('count each handshake outcome and pass the verdict on unchanged', async () => {
    const metrics = new RealtimeMetrics();
    const refusal = Object.assign(new Error('REVOKED'), {
      data: { code: 'REVOKED', message: 'Signed out' },
    });
    const verdicts: unknown[] = [];
    observeHandshake<object>((_, next) => next(), metrics)({}, (error) => verdicts.push(error));
    observeHandshake<object>((_, next) => next(refusal), metrics)({}, (error) => verdicts.push(error));

    expect(verdicts).toEqual([undefined, refusal]);
    expect(await valueOf(metrics, 'derm_ws_handshakes_total', { outcome: 'accepted' })).toBe(1);
    expect(await valueOf(metrics, 'derm_ws_handshakes_total', { outcome: 'REVOKED' })).toBe(1);
  });

  it('count what each Engine.IO request check refuses, under its own outcome, and pass the verdict on unchanged', async () => {
    const metrics = new RealtimeMetrics();
    const request = {} as Parameters<Parameters<typeof observeRequestCheck>[0]>[0];
    const verdicts: unknown[] = [];
    const record = (error: unknown, success: boolean) => verdicts.push([error, success]);
    observeRequestCheck((_, callback) => callback(null, true), ORIGIN_NOT_ALLOWED, metrics)(request, record);
    observeRequestCheck(
      (_, callback) => callback('Origin not allowed', false),
      ORIGIN_NOT_ALLOWED,
      metrics,
    )(request, record);
    const tooMany = observeRequestCheck(
      (_, callback) => callback('Too many', false),
      TOO_MANY_PENDING_CONNECTIONS,
      metrics,
    );
    tooMany(request, record);
    tooMany(request, record);

    expect(verdicts).toEqual([
      [null, true],
      ['Origin not allowed', false],
      ['Too many', false],
      ['Too many', false],
    ]);
    expect(await valueOf(metrics, 'derm_ws_handshakes_total', { outcome: 'ORIGIN_NOT_ALLOWED' })).toBe(1);
    expect(await valueOf(metrics, 'derm_ws_handshakes_total', { outcome: 'TOO_MANY_PENDING_CONNECTIONS' })).toBe(2);
    expect(await valueOf(metrics, 'derm_ws_handshakes_total', { outcome: 'accepted' })).toBeUndefined();
  });

  it('time a command until its ack, which still reaches the client', async () => {
    const metrics = new RealtimeMetrics();
    const acks: unknown[] = [];
    const packet: unknown[] = ['presence:list', {}, (ack: unknown) => acks.push(ack)];
    timeCommand(metrics, packet);
    (packet[2] as (ack: unknown) => void)({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'no' },
    });

    expect(acks).toEqual([{ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }]);
    expect(await valueOf(metrics, 'derm_ws_commands_received_total', { command: 'presence:list' })).toBe(1);
    const histogram = await metrics.registry.getSingleMetric('derm_ws_command_duration_seconds')?.get();
    // A histogram's values name their series (`_bucket`, `_sum`, `_count`).
    const values = (histogram?.values ?? []) as (MetricValue<string> & { metricName?: string })[];
    const count = values.find(
      (v) => v.metricName === 'derm_ws_command_duration_seconds_count' && v.labels['outcome'] === 'FORBIDDEN',
    );
    expect(count?.value).toBe(1);
  });
});
