import { RedisScript } from '@derm/api/redis';

/**
 * KEYS none; ARGV: the clinic's list, the refusal (JSON, counting 1), how many entries the list
 * keeps, for how long (ms) → the entry as stored (JSON). An entry of the same person and reason
 * leaves the list and is counted into the new one, which goes first. Entries stored before entries
 * had a count count as one refusal.
 */
export const RECORD_REFUSAL = new RedisScript(`
local key, refusal, kept, keptForMs = ARGV[1], cjson.decode(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
for _, stored in ipairs(redis.call('LRANGE', key, 0, -1)) do
  local known = cjson.decode(stored)
  if known.code == refusal.code and known.user.id == refusal.user.id then
    refusal.count = (known.count or 1) + 1
    refusal.firstAt = known.firstAt or known.at
    redis.call('LREM', key, 1, stored)
    break
  end
end
local entry = cjson.encode(refusal)
redis.call('LPUSH', key, entry)
redis.call('LTRIM', key, 0, kept - 1)
redis.call('PEXPIRE', key, keptForMs)
return entry
`);
