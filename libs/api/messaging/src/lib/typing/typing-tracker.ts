import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';

/** Someone typing in a thread, on one socket. */
export interface Typist {
  tenantId: string;
  threadId: string;
  userId: string;
  name: string;
  socketId: string;
}

type LapseListener = (typist: Typist) => void;

interface Entry {
  typist: Typist;
  timer: NodeJS.Timeout;
}

const keyOf = ({ tenantId, threadId, userId }: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>) =>
  `${tenantId}:${threadId}:${userId}`;

/**
 * Who is typing where, per (thread, user). A start lapses after TYPING_LAPSE_MS unless renewed,
 * so a closed tab never leaves anyone "typing". In memory, for one node: behind this class so
 * that several nodes can later share the state (e.g. in Redis) without the gateway changing.
 */
@Injectable()
export class TypingTracker implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<LapseListener>();

  constructor(private readonly config: AppConfig) {}

  /** Called with each typist whose start lapsed without renewal. */
  onLapse(listener: LapseListener): void {
    this.listeners.add(listener);
  }

  /** Starts or renews; true when the user was not typing in this thread yet. */
  start(typist: Typist): boolean {
    const key = keyOf(typist);
    const existing = this.entries.get(key);
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => this.lapse(key), this.config.typingLapseMs);
    timer.unref();
    this.entries.set(key, { typist, timer });
    return !existing;
  }

  /** The typist who stopped, or undefined when the user was not typing there. */
  stop(key: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>): Typist | undefined {
    const entry = this.entries.get(keyOf(key));
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(keyOf(key));
    return entry.typist;
  }

  /**
   * Stops a typist whose socket may be on another node: a leave or a message that ends their
   * typing reaches the node that served the request. On one node, that is this one.
   */
  async stopAnywhere(key: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>): Promise<Typist | undefined> {
    return this.stop(key);
  }

  /** Who is typing in a thread now, for a socket that just opened it. */
  async typingIn(tenantId: string, threadId: string): Promise<Typist[]> {
    return [...this.entries.values()]
      .map(({ typist }) => typist)
      .filter((typist) => typist.tenantId === tenantId && typist.threadId === threadId);
  }

  /** Stops whatever this socket was typing (it disconnected, or left a thread when given). */
  stopSocket(socketId: string, threadId?: string): Typist[] {
    const stopped = [...this.entries.values()]
      .map(({ typist }) => typist)
      .filter((typist) => typist.socketId === socketId && (threadId === undefined || typist.threadId === threadId));
    stopped.forEach((typist) => this.stop(typist));
    return stopped;
  }

  onModuleDestroy(): void {
    this.entries.forEach(({ timer }) => clearTimeout(timer));
    this.entries.clear();
  }

  private lapse(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.listeners.forEach((listener) => listener(entry.typist));
  }
}
