import { RedisScript } from '@derm/api/redis';

/*
 * One sorted set per person: member one admitted socket (the node's id and a number of its own),
 * score when its entry lapses unless the node that holds the socket renews it. A node that crashes
 * stops renewing, so its sockets stop counting.
 */

/** KEYS none; ARGV: key, now, lapsesAt, max, member → 1 admitted, 0 refused. */
export const ADMIT_CONNECTION = new RedisScript(`
local key, now, lapsesAt, max, member = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
if not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= max then return 0 end
redis.call('ZADD', key, lapsesAt, member)
redis.call('PEXPIREAT', key, lapsesAt)
return 1
`);
