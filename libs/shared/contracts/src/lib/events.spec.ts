import { CLIENT_COMMAND_NAMES, isClientCommandName, SERVER_EVENT_NAMES, SERVER_EVENTS } from './events';

describe('event contract', () => {
  it('says how each server event travels', () => {
    expect(SERVER_EVENTS['appointment:checked-in']).toBe('domain');
    expect(SERVER_EVENTS['appointment:completed']).toBe('domain');
    expect(SERVER_EVENTS['appointment:no-show']).toBe('domain');
    expect(SERVER_EVENTS['notification:new']).toBe('domain');
    expect(SERVER_EVENTS.typing).toBe('signal');
    expect(SERVER_EVENTS['session:ready']).toBe('signal');
  });

  it('lists each server event and each command once', () => {
    expect(new Set(SERVER_EVENT_NAMES).size).toBe(SERVER_EVENT_NAMES.length);
    expect(new Set(CLIENT_COMMAND_NAMES).size).toBe(CLIENT_COMMAND_NAMES.length);
    expect(SERVER_EVENT_NAMES).toContain('message:read');
    expect(CLIENT_COMMAND_NAMES).toContain('session:refresh');
  });

  it('knows the client commands, and nothing else', () => {
    expect(isClientCommandName('thread:join')).toBe(true);
    expect(isClientCommandName('session:refresh')).toBe(true);
    expect(isClientCommandName('message:new')).toBe(false);
    expect(isClientCommandName('constructor')).toBe(false);
  });
});
