import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from './session-expiry.service';

function socketExpiringIn(seconds: number): RealtimeSocket {
  return {
    id: 's1',
    connected: true,
    data: { tokenExpiresAt: Math.floor(Date.now() / 1000) + seconds },
    nsp: { local: { to: () => ({ emit: jest.fn() }) } },
    disconnect: jest.fn(),
  } as unknown as RealtimeSocket;
}

describe('SessionExpiry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ends a connection when its token runs out, and a refresh moves the end', () => {
    const expiry = new SessionExpiry();
    const socket = socketExpiringIn(60);
    expiry.track(socket);
    expiry.extend(socket, Math.floor(Date.now() / 1000) + 120);

    jest.advanceTimersByTime(61_000);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_000);
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it('waits for a token that outlives one timer (2^31-1 ms) in steps, ending it only when it runs out', () => {
    const expiry = new SessionExpiry();
    const month = 30 * 24 * 3600;
    const socket = socketExpiringIn(month);
    expiry.track(socket);

    jest.advanceTimersByTime(60_000);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime((month - 61) * 1000);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(2_000);
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it('keeps no timer for a refresh answered after the connection closed', () => {
    const expiry = new SessionExpiry();
    const socket = socketExpiringIn(60);
    expiry.track(socket);
    // The refresh's token check was still running when the socket went away.
    Object.assign(socket, { connected: false });
    expiry.untrack(socket);
    expiry.extend(socket, Math.floor(Date.now() / 1000) + 900);

    expect(jest.getTimerCount()).toBe(0);
  });
});
