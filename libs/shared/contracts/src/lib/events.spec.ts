import { DOMAIN_EVENT_NAMES, isClientCommandName, isDomainEventName } from './events';

describe('event contract', () => {
  it('knows which events travel in the envelope', () => {
    expect(isDomainEventName('appointment:checked-in')).toBe(true);
    expect(isDomainEventName('notification:new')).toBe(true);
    expect(isDomainEventName('typing')).toBe(false);
    expect(isDomainEventName('session:ready')).toBe(false);
    expect(isDomainEventName('toString')).toBe(false);
  });

  it('lists each domain event once', () => {
    expect(new Set(DOMAIN_EVENT_NAMES).size).toBe(DOMAIN_EVENT_NAMES.length);
    expect(DOMAIN_EVENT_NAMES).toContain('message:read');
  });

  it('knows the client commands, and nothing else', () => {
    expect(isClientCommandName('thread:join')).toBe(true);
    expect(isClientCommandName('session:refresh')).toBe(true);
    expect(isClientCommandName('message:new')).toBe(false);
    expect(isClientCommandName('constructor')).toBe(false);
  });
});
