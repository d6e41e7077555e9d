import { SessionChannel } from '../lib/session/sign-out-broadcast';

/**
 * This browser's tabs as far as their shared `BroadcastChannel` goes: each `open()` is one tab's
 * channel, and a message one of them posts reaches every other one (never itself), as in a browser.
 */
export class FakeBrowserTabs {
  private readonly channels = new Set<FakeSessionChannel>();

  open(): FakeSessionChannel {
    const channel = new FakeSessionChannel((message) => this.deliver(channel, message));
    this.channels.add(channel);
    return channel;
  }

  private deliver(from: FakeSessionChannel, message: unknown): void {
    for (const channel of this.channels) {
      // Copied, as a structured clone would be: no tab shares an object with another.
      if (channel !== from)
        channel.dispatchEvent(new MessageEvent('message', { data: JSON.parse(JSON.stringify(message)) }));
    }
  }
}

export class FakeSessionChannel extends EventTarget implements SessionChannel {
  /** Every message this tab heard from the others. */
  readonly heard: unknown[] = [];

  constructor(private readonly post: (message: unknown) => void) {
    super();
    this.addEventListener('message', (event) => this.heard.push((event as MessageEvent).data));
  }

  postMessage(message: unknown): void {
    this.post(message);
  }
}
