import { RedisScript } from '@derm/api/redis';

/*
 * The Redis presence store's operations, each one Lua script so that it is atomic across nodes.
 * ARGV[1] is the key prefix P. Layout (t tenant, s socket, u user, p patient):
 *   P conn:<t>|<s>      hash { user, data }   one socket, `data` its connection as JSON
 *   P expiry            zset <t>|<s> → ms     when the socket's entry lapses unless renewed
 *   P sockets:<t>|<u>   set of <s>            the user's sockets, on every node
 *   P online:<t>        hash <u> → JSON       users the tenant was told are online
 *   P idle              zset <t>|<u> → ms     online users without a socket: last seen at
 *   P viewers:<t>|<p>   hash <s> → JSON       the patient's viewings
 *   P viewing:<t>|<s>   set of <p>            the socket's viewings
 *   P swept-at          ms                    the last sweep, to notice when Redis was away
 */

/** Removes one socket's entry with its viewings; `{ remaining, lastSeenAt|false, endedViewings }`. */
const DROP = `
local P = ARGV[1]
local function drop(member, at)
  local connKey = P .. 'conn:' .. member
  local userId = redis.call('HGET', connKey, 'user')
  if not userId then return false end
  local sep = string.find(member, '|', 1, true)
  local tenantId = string.sub(member, 1, sep - 1)
  local socketId = string.sub(member, sep + 1)
  redis.call('DEL', connKey)
  redis.call('ZREM', P .. 'expiry', member)
  local userMember = tenantId .. '|' .. userId
  local socketsKey = P .. 'sockets:' .. userMember
  redis.call('SREM', socketsKey, socketId)
  local ended = {}
  local viewingKey = P .. 'viewing:' .. member
  for _, patientId in ipairs(redis.call('SMEMBERS', viewingKey)) do
    local viewersKey = P .. 'viewers:' .. tenantId .. '|' .. patientId
    local viewing = redis.call('HGET', viewersKey, socketId)
    if viewing then
      ended[#ended + 1] = viewing
      redis.call('HDEL', viewersKey, socketId)
    end
  end
  redis.call('DEL', viewingKey)
  local remaining = redis.call('SCARD', socketsKey)
  local lastSeenAt = false
  if remaining == 0 and redis.call('HEXISTS', P .. 'online:' .. tenantId, userId) == 1 then
    redis.call('ZADD', P .. 'idle', at, userMember)
    lastSeenAt = at
  end
  return { remaining, lastSeenAt, ended }
end
`;

/** ARGV: P, t, s, u, connection JSON, expiresAt, online JSON → 1 when the user came online. */
export const ADD_CONNECTION = new RedisScript(`
local P, t, s, u = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('HSET', P .. 'conn:' .. t .. '|' .. s, 'user', u, 'data', ARGV[5])
redis.call('ZADD', P .. 'expiry', ARGV[6], t .. '|' .. s)
redis.call('SADD', P .. 'sockets:' .. t .. '|' .. u, s)
if redis.call('HSETNX', P .. 'online:' .. t, u, ARGV[7]) == 1 then return 1 end
redis.call('ZREM', P .. 'idle', t .. '|' .. u)
return 0
`);

/** ARGV: P, t, s, at → the drop, or nil when the socket is not recorded. */
export const REMOVE_CONNECTION = new RedisScript(`${DROP}
return drop(ARGV[2] .. '|' .. ARGV[3], ARGV[4])
`);

/** ARGV: P, t, u, idleSince → lastSeenAt when the user is now offline, else nil. */
export const SETTLE_OFFLINE = new RedisScript(`
local P, t, u = ARGV[1], ARGV[2], ARGV[3]
local userMember = t .. '|' .. u
local last = redis.call('ZSCORE', P .. 'idle', userMember)
if not last or tonumber(last) > tonumber(ARGV[4]) or redis.call('SCARD', P .. 'sockets:' .. userMember) > 0 then
  return false
end
redis.call('ZREM', P .. 'idle', userMember)
redis.call('HDEL', P .. 'online:' .. t, u)
return last
`);

/** ARGV: P, t, s, p, viewing JSON → { 1 if added, the patient's viewings }. */
export const START_VIEWING = new RedisScript(`
local P, t, s, p = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local viewersKey = P .. 'viewers:' .. t .. '|' .. p
local added = 0
if redis.call('EXISTS', P .. 'conn:' .. t .. '|' .. s) == 1 and redis.call('HSETNX', viewersKey, s, ARGV[5]) == 1 then
  redis.call('SADD', P .. 'viewing:' .. t .. '|' .. s, p)
  added = 1
end
return { added, redis.call('HVALS', viewersKey) }
`);

/** ARGV: P, t, s, p → { the viewing removed or nil, the patient's viewings }. */
export const STOP_VIEWING = new RedisScript(`
local P, t, s, p = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local viewersKey = P .. 'viewers:' .. t .. '|' .. p
local viewing = redis.call('HGET', viewersKey, s)
if viewing then
  redis.call('HDEL', viewersKey, s)
  redis.call('SREM', P .. 'viewing:' .. t .. '|' .. s, p)
end
return { viewing, redis.call('HVALS', viewersKey) }
`);

/**
 * ARGV: P, expiresAt, JSON { connections: [{ t, s, u, data, online }], viewings: [{ t, s, p, data }] }.
 * Asserts everything the node holds: renews what is there, puts back what Redis lost (a restart
 * without persistence) or what was swept while the node could not renew.
 */
export const RENEW = new RedisScript(`
local P = ARGV[1]
local state = cjson.decode(ARGV[3])
for _, c in ipairs(state.connections) do
  local member = c.t .. '|' .. c.s
  local connKey = P .. 'conn:' .. member
  if redis.call('EXISTS', connKey) == 0 then
    redis.call('HSET', connKey, 'user', c.u, 'data', c.data)
    redis.call('SADD', P .. 'sockets:' .. c.t .. '|' .. c.u, c.s)
    redis.call('HSETNX', P .. 'online:' .. c.t, c.u, c.online)
    redis.call('ZREM', P .. 'idle', c.t .. '|' .. c.u)
  end
  redis.call('ZADD', P .. 'expiry', ARGV[2], member)
end
for _, v in ipairs(state.viewings) do
  if redis.call('HSETNX', P .. 'viewers:' .. v.t .. '|' .. v.p, v.s, v.data) == 1 then
    redis.call('SADD', P .. 'viewing:' .. v.t .. '|' .. v.s, v.p)
  end
end
return #state.connections
`);

/**
 * ARGV: P, now, graceMs, ttlMs, maxGapMs → { ended viewings, { t, u, lastSeenAt } offline }.
 * Drops lapsed entries (last seen one TTL before they lapsed) and settles users idle past the
 * grace. When no sweep ran for longer than maxGapMs Redis was away, and no node could renew:
 * every entry's lapse moves by that gap first, so an outage does not look like dead nodes.
 */
export const SWEEP = new RedisScript(`${DROP}
local now, grace, ttl, maxGap = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local last = tonumber(redis.call('GET', P .. 'swept-at'))
redis.call('SET', P .. 'swept-at', ARGV[2])
if last and now - last > maxGap then
  local all = redis.call('ZRANGE', P .. 'expiry', 0, -1, 'WITHSCORES')
  for i = 1, #all, 2 do
    redis.call('ZADD', P .. 'expiry', tonumber(all[i + 1]) + now - last, all[i])
  end
end
local ended = {}
local lapsed = redis.call('ZRANGEBYSCORE', P .. 'expiry', '-inf', now, 'WITHSCORES')
for i = 1, #lapsed, 2 do
  local dropped = drop(lapsed[i], tonumber(lapsed[i + 1]) - ttl)
  if dropped then
    for _, viewing in ipairs(dropped[3]) do ended[#ended + 1] = viewing end
  else
    redis.call('ZREM', P .. 'expiry', lapsed[i])
  end
end
local offline = {}
local idle = redis.call('ZRANGEBYSCORE', P .. 'idle', '-inf', now - grace, 'WITHSCORES')
for i = 1, #idle, 2 do
  local sep = string.find(idle[i], '|', 1, true)
  local t, u = string.sub(idle[i], 1, sep - 1), string.sub(idle[i], sep + 1)
  redis.call('ZREM', P .. 'idle', idle[i])
  if redis.call('SCARD', P .. 'sockets:' .. idle[i]) == 0 then
    redis.call('HDEL', P .. 'online:' .. t, u)
    offline[#offline + 1] = { t, u, idle[i + 1] }
  end
end
return { ended, offline }
`);
