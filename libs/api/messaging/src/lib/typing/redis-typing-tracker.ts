import { Logger } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { RedisClient, RedisScript } from '@derm/api/redis';
import { Typist, TypingTracker } from './typing-tracker';

type LapseListener = Parameters<TypingTracker['onLapse']>[0];

/** A lapse is claimed from another node only this long after it was due: its owner was gone. */
export const ORPHAN_MARGIN_MS = 2000;
/** How often each node looks for typists whose node stopped before their start lapsed. */
export const ORPHAN_SWEEP_EVERY_MS = 1000;

/** ARGV: key prefix, due before → the typists claimed, each by exactly one caller. */
const CLAIM_ORPHANS = new RedisScript(`
local due, typists = ARGV[1] .. 'due', ARGV[1] .. 'typists'
local claimed = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', due, '-inf', ARGV[2])) do
  claimed[#claimed + 1] = redis.call('HGET', typists, member)
  redis.call('ZREM', due, member)
  redis.call('HDEL', typists, member)
end
return claimed
`);

/** ARGV: key prefix, thread's member prefix, now → the typists of that thread whose start has not lapsed. */
const TYPING_IN_THREAD = new RedisScript(`
local due, typists = ARGV[1] .. 'due', ARGV[1] .. 'typists'
local found = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', due, ARGV[3], '+inf')) do
  if string.sub(member, 1, #ARGV[2]) == ARGV[2] then
    found[#found + 1] = redis.call('HGET', typists, member)
  end
end
return found
`);

/** ARGV: key prefix, member → the typist recorded for it, taken out (nil when there was none). */
const TAKE_TYPIST = new RedisScript(`
local due, typists = ARGV[1] .. 'due', ARGV[1] .. 'typists'
local typist = redis.call('HGET', typists, ARGV[2])
redis.call('ZREM', due, ARGV[2])
redis.call('HDEL', typists, ARGV[2])
return typist
`);

const memberOf = ({ tenantId, threadId, userId }: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>) =>
  `${tenantId}|${threadId}|${userId}`;

/**
 * Typing across nodes: each node still lapses its own sockets' starts with a local timer, and also
 * records them in Redis with their due time. If a node dies, nobody is left to lapse its typists;
 * the other nodes claim those entries once they are overdue and announce the lapse instead. A
 * lapse is announced by whoever takes the entry out of Redis, so each start ends once: a node's
 * own timer stays quiet for a typist whose typing another node ended (`stopAnywhere`) or claimed.
 */
export class RedisTypingTracker extends TypingTracker {
  private readonly logger = new Logger('Typing');
  private readonly relays: LapseListener[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly typingConfig: AppConfig,
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {
    super(typingConfig);
    super.onLapse((typist) => void this.lapsedHere(typist));
    this.sweeper = setInterval(() => void this.claimOrphans(), ORPHAN_SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  override onLapse(listener: LapseListener): void {
    this.relays.push(listener);
  }

  override start(typist: Typist): boolean {
    const started = super.start(typist);
    const due = this.now() + this.typingConfig.typingLapseMs;
    this.write(
      this.redis
        .multi()
        .zadd(`${this.keyPrefix}due`, due, memberOf(typist))
        .hset(`${this.keyPrefix}typists`, memberOf(typist), JSON.stringify(typist))
        .exec(),
    );
    return started;
  }

  override stop(key: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>): Typist | undefined {
    const stopped = super.stop(key);
    this.forget(key);
    return stopped;
  }

  /** The typist's own node still lapses its local start later, and finds nothing left to announce. */
  override async stopAnywhere(key: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>): Promise<Typist | undefined> {
    const here = super.stop(key);
    try {
      const recorded = (await TAKE_TYPIST.run(this.redis, [this.keyPrefix, memberOf(key)])) as string | null;
      return here ?? (recorded ? (JSON.parse(recorded) as Typist) : undefined);
    } catch (error) {
      this.logger.error(`Taking a typist from Redis failed: ${error instanceof Error ? error.message : error}`);
      return here;
    }
  }

  /** Typists on every node; only starts not yet due are read, so a dead node's are left out. */
  override async typingIn(tenantId: string, threadId: string): Promise<Typist[]> {
    try {
      const threadMembers = `${tenantId}|${threadId}|`;
      const found = (await TYPING_IN_THREAD.run(this.redis, [this.keyPrefix, threadMembers, this.now()])) as (
        string | null
      )[];
      return found.flatMap((json) => (json ? [JSON.parse(json) as Typist] : []));
    } catch (error) {
      // A hint: the thread still opens, and the typist's next renewal shows them.
      this.logger.error(`Reading who is typing from Redis failed: ${error instanceof Error ? error.message : error}`);
      return [];
    }
  }

  override onModuleDestroy(): void {
    clearInterval(this.sweeper);
    super.onModuleDestroy();
  }

  /** Lapses, on this node, the typists of nodes that did not. */
  async claimOrphans(): Promise<void> {
    let claimed: (string | null)[];
    try {
      claimed = (await CLAIM_ORPHANS.run(this.redis, [this.keyPrefix, this.now() - ORPHAN_MARGIN_MS])) as (
        string | null
      )[];
    } catch (error) {
      this.logger.error(`Claiming lapsed typists failed: ${error instanceof Error ? error.message : error}`);
      return;
    }
    for (const json of claimed) if (json) this.announce(JSON.parse(json) as Typist);
  }

  /** A start of this node lapsed: announced if it is still recorded, or if Redis cannot say. */
  private async lapsedHere(typist: Typist): Promise<void> {
    try {
      const recorded = await TAKE_TYPIST.run(this.redis, [this.keyPrefix, memberOf(typist)]);
      if (recorded === null) return;
    } catch (error) {
      // Better a second "stopped" than a colleague shown typing until they reload.
      this.logger.error(`Taking a lapsed typist from Redis failed: ${error instanceof Error ? error.message : error}`);
    }
    this.announce(typist);
  }

  /** One failing relay must not keep the lapse from the others. */
  private announce(typist: Typist): void {
    for (const relay of this.relays) {
      try {
        relay(typist);
      } catch (error) {
        this.logger.error(`Announcing a lapsed typist failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  }

  private forget(key: Pick<Typist, 'tenantId' | 'threadId' | 'userId'>): void {
    this.write(
      this.redis
        .multi()
        .zrem(`${this.keyPrefix}due`, memberOf(key))
        .hdel(`${this.keyPrefix}typists`, memberOf(key))
        .exec(),
    );
  }

  /** Typing is a hint: a write that fails is logged, never in the way of the command. */
  private write(pending: Promise<unknown>): void {
    pending.catch((error: unknown) =>
      this.logger.error(`Recording typing in Redis failed: ${error instanceof Error ? error.message : error}`),
    );
  }
}
