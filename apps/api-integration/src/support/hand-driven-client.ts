import WebSocket from 'ws';

/**
 * A Socket.IO client written by hand on Engine.IO's WebSocket frames, so that the test decides when
 * it answers the server's pings (`2`, answered `3`): a client on a slow or failing link whose
 * answers come late. It reads every frame; events arrive as `42[name, payload, …]`.
 */
export class HandDrivenClient {
  /** Events received, in order, and each ping as `'ping'`, where it came among them. */
  readonly received: ({ event: string; payload: unknown } | 'ping')[] = [];
  private answering = true;
  private unanswered = 0;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (frame) => this.read(String(frame)));
  }

  /** Connects as `token` and resolves once the session is ready. */
  static async connect(url: string, token: string): Promise<HandDrivenClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const client = new HandDrivenClient(ws);
    ws.once('open', () => ws.send(`40${JSON.stringify({ token })}`));
    await client.until(() => client.events('session:ready').length > 0, 'session:ready');
    return client;
  }

  /** From now on, pings wait for `answer`. */
  holdAnswers(): void {
    this.answering = false;
  }

  /** Answers the `count` oldest pings still waiting. */
  answer(count: number): void {
    if (count > this.unanswered) throw new Error(`Only ${this.unanswered} pings wait for an answer`);
    for (let i = 0; i < count; i++) this.ws.send('3');
    this.unanswered -= count;
  }

  events(name: string): unknown[] {
    return this.received.flatMap((item) => (item !== 'ping' && item.event === name ? [item.payload] : []));
  }

  /** Resolves once `condition` holds on what was received. */
  async until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`The hand-driven client did not receive ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private read(frame: string): void {
    if (frame === '2') {
      this.received.push('ping');
      if (this.answering) this.ws.send('3');
      else this.unanswered += 1;
    } else if (frame.startsWith('42')) {
      const [event, payload] = JSON.parse(frame.slice(2)) as [string, unknown];
      this.received.push({ event, payload });
    }
  }
}
