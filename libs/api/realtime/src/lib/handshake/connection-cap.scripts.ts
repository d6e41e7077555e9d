import { RedisScript } from '@derm/api/redis';

/*
 * One sorted set per person: member a socket id, score when its entry lapses unless the node that
 * holds the socket renews it. A node that crashes stops renewing, so its sockets stop counting.
 */

/** KEYS none; ARGV: key, now, lapsesAt, max, socket id → 1 admitted, 0 refused. */
export const ADMIT_CONNECTION = new RedisScript(`
local key, now, lapsesAt, max, socketId = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
if not redis.call('ZSCORE', key, socketId) and redis.call('ZCARD', key) >= max then return 0 end
redis.call('ZADD', key, lapsesAt, socketId)
redis.call('PEXPIREAT', key, lapsesAt)
return 1
`);
