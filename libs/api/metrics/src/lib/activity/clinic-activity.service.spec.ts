import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvents, TenantEvent } from '@derm/api/events';
import { ClinicActivity } from './clinic-activity.service';
import { ClinicEventPublished } from './clinic-event-published.event';
import { HandshakeRefused } from './handshake-refused.event';

/** A JWT-shaped string with these claims; the signature is irrelevant here (the code vouches for it). */
const tokenWith = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
const CLAIMS = { tid: 'riverside', sub: 'nora', name: 'Nora Quinn' };

describe('ClinicActivity', () => {
  let published: TenantEvent[];
  let activity: ClinicActivity;

  beforeEach(() => {
    published = [];
    const emitter = new EventEmitter2({ wildcard: true });
    emitter.onAny((_, event: TenantEvent) => published.push(event));
    activity = new ClinicActivity(new DomainEvents(emitter));
  });

  it('attributes a connection-cap refusal to the identity the handshake stored', () => {
    activity.handshakeRefused('TOO_MANY_CONNECTIONS', {
      data: { tenantId: 'riverside', userId: 'nora', name: 'Nora Quinn' },
    });
    expect(published).toEqual([expect.any(HandshakeRefused)]);
    expect(published[0]).toMatchObject({
      tenantId: 'riverside',
      code: 'TOO_MANY_CONNECTIONS',
      userId: 'nora',
      name: 'Nora Quinn',
    });
  });

  it('attributes an expired or revoked session to the clinic its verified token names', () => {
    activity.handshakeRefused('REVOKED', { handshake: { auth: { token: tokenWith(CLAIMS) }, headers: {} } });
    activity.handshakeRefused('TOKEN_EXPIRED', {
      handshake: { headers: { authorization: `Bearer ${tokenWith(CLAIMS)}` } },
    });
    // The scheme in any case, and more than one space, as the authenticator reads it.
    activity.handshakeRefused('REVOKED', { handshake: { headers: { authorization: `bearer  ${tokenWith(CLAIMS)}` } } });
    activity.handshakeRefused('REVOKED', { handshake: { headers: { authorization: `Basic ${tokenWith(CLAIMS)}` } } });
    expect(published.map((event) => [event.tenantId, (event as HandshakeRefused).code])).toEqual([
      ['riverside', 'REVOKED'],
      ['riverside', 'TOKEN_EXPIRED'],
      ['riverside', 'REVOKED'],
    ]);
  });

  it('attributes nothing a forged or unreadable token could claim', () => {
    activity.handshakeRefused('UNAUTHORIZED', { handshake: { auth: { token: tokenWith(CLAIMS) }, headers: {} } });
    activity.handshakeRefused('TENANT_INVALID', { handshake: { auth: { token: tokenWith(CLAIMS) }, headers: {} } });
    activity.handshakeRefused('REVOKED', { handshake: { auth: { token: 'not-a-jwt' }, headers: {} } });
    activity.handshakeRefused('REVOKED', { handshake: { auth: { token: tokenWith({ sub: 'nora' }) }, headers: {} } });
    activity.handshakeRefused('ORIGIN_NOT_ALLOWED', { data: { tenantId: 'riverside', userId: 'nora' } });
    expect(published).toEqual([]);
  });

  it("counts a clinic's domain events, not its signals or anything without a clinic", () => {
    activity.broadcast('riverside', 'appointment:created');
    activity.broadcast('riverside', 'typing');
    activity.broadcast('riverside', 'operations:activity');
    activity.broadcast(undefined, 'message:new');
    expect(published).toEqual([expect.any(ClinicEventPublished)]);
    expect(published[0]).toMatchObject({ tenantId: 'riverside', type: 'appointment:created' });
  });
});
