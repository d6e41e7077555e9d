import type { IncomingMessage } from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import { clientAddressReader } from './client-address';

/** A request as Engine.IO receives it: never passed through Express. */
const rawRequest = (remoteAddress: string, forwardedFor?: string) =>
  ({
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

const appTrusting = (trustProxy: boolean | number | string) => {
  const app = new ExpressAdapter().getInstance<{ set(setting: string, value: unknown): void; request: object }>();
  app.set('trust proxy', trustProxy);
  return app;
};

describe('clientAddressReader', () => {
  it("reads a request Express never saw as Express's req.ip does, under the app's trust proxy", () => {
    const behindLoopback = clientAddressReader(appTrusting('loopback'));
    expect(behindLoopback(rawRequest('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // The last untrusted hop, not what the client wrote first.
    expect(behindLoopback(rawRequest('127.0.0.1', '198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(behindLoopback(rawRequest('127.0.0.1'))).toBe('127.0.0.1');
    // A client that is not the trusted proxy cannot pick its address.
    expect(behindLoopback(rawRequest('192.0.2.7', '203.0.113.9'))).toBe('192.0.2.7');
  });

  it('believes no X-Forwarded-For without trust proxy, and counts hops when given a number', () => {
    expect(clientAddressReader(appTrusting(false))(rawRequest('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(clientAddressReader(appTrusting(1))(rawRequest('10.0.0.2', '198.51.100.1, 203.0.113.9'))).toBe(
      '203.0.113.9',
    );
  });

  it("follows the app's setting as it is when asked, as req.ip does", () => {
    const app = appTrusting(false);
    const addressOf = clientAddressReader(app);
    app.set('trust proxy', 'loopback');
    expect(addressOf(rawRequest('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
  });
});
