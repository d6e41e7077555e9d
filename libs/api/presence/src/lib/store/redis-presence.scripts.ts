import { RedisScript } from '@derm/api/redis';

/*
 * The Redis presence store's operations, each one Lua script so that it is atomic across nodes.
 * ARGV[1] is the key prefix P. Layout (t tenant, s socket, u user, p patient, n node):
 *   P conn:<t>|<s>      hash { user, node, data, came?, told? }  one socket, `data` its connection as
 *                       JSON, `came` the id of the add whose recording put its user online, `told`
 *                       the id of the add, renewal or removal that claimed announcing it
 *   P nodes             zset <n> → ms         each node's last renewal, as of when it ran: its sockets lapse with it
 *   P node:<n>          set of <t>|<s>        the node's sockets
 *   P sockets:<t>|<u>   set of <s>            the user's sockets, on every node
 *   P online:<t>        hash <u> → JSON       users the tenant was told are online
 *   P idle              zset <t>|<u> → ms     online users without a socket: last seen at
 *   P viewers:<t>|<p>   hash <s> → JSON       the patient's viewings
 *   P viewing:<t>|<s>   set of <p>            the socket's viewings
 *   P settings          string, expires       the timing every node must share (presence-settings.ts)
 *   P swept             zset <n> → ms         nodes a sweep removed the sockets of, until they renew
 *   P renewal:<n>       string, expires       JSON { id, backOnline, restored }: n's last renewal that reported anything
 */

/**
 * Removes one socket's entry with its viewings; `{ remaining, lastSeenAt|false, endedViewings }`.
 * With `owner`, only while that node holds the socket: a recovered connection keeps its socket id,
 * so the socket may have moved to another node since.
 */
const DROP = `
local P = ARGV[1]
local function drop(member, at, owner)
  local connKey = P .. 'conn:' .. member
  local userId, nodeId = unpack(redis.call('HMGET', connKey, 'user', 'node'))
  if not userId or (owner and nodeId ~= owner) then return false end
  local sep = string.find(member, '|', 1, true)
  local tenantId = string.sub(member, 1, sep - 1)
  local socketId = string.sub(member, sep + 1)
  redis.call('DEL', connKey)
  if nodeId then redis.call('SREM', P .. 'node:' .. nodeId, member) end
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

/**
 * Records that node n is alive as of `at`, the time its command was issued. The client may have
 * queued the command while Redis was away, or resent it unanswered, so it may run long after:
 * n is alive now, as it runs, which is no earlier than the latest renewal any node recorded.
 * Without that, the renewal that puts back a swept node would leave it looking long dead, to be
 * swept again at the next beat.
 */
const ALIVE = `
local function alive(n, at)
  local latest = redis.call('ZREVRANGE', P .. 'nodes', 0, 0, 'WITHSCORES')[2]
  if latest and tonumber(latest) > tonumber(at) then at = latest end
  redis.call('ZADD', P .. 'nodes', at, n)
end
`;

/**
 * Whether `claimer` is to announce the user whom the recording `mark` put online (`came`), the
 * socket's entry at connKey keeping who claimed it (`told`). The claimer asked again (its command
 * resent, or a renewal going on under a failed one's id) answers the same; it takes the claim over
 * only from one of `lost`, adds of the socket whose answers never reached its node. So of a
 * renewal, a removal and a recovered connection's add of one node racing, exactly one announces.
 */
const CLAIM = `
local function claim(connKey, mark, claimer, lost)
  local came, told = unpack(redis.call('HMGET', connKey, 'came', 'told'))
  if came ~= mark then return false end
  if told == claimer then return true end
  for _, id in ipairs(lost) do
    if told == id then
      redis.call('HSET', connKey, 'told', claimer)
      return true
    end
  end
  return false
end
`;

/**
 * ARGV: P, n, now, t, s, u, connection JSON, online JSON, mark, add id, JSON [add id] lost adds
 * → 1 when the user came online. The mark is the add's id, or that of an earlier add of the socket
 * on n that failed. A node adding a socket is alive: that counts as its renewal. The socket's
 * entry remembers which add put its user online, for n to announce them if this answer never
 * reached it; an earlier add's mark stays too (another node may be waiting to find its own), but
 * is never this add's. The same add run again (resent as its answer was lost) answers as it did.
 */
export const ADD_CONNECTION = new RedisScript(`
local P, n, t, s, u = ARGV[1], ARGV[2], ARGV[4], ARGV[5], ARGV[6]
${ALIVE}
${CLAIM}
local connKey = P .. 'conn:' .. t .. '|' .. s
redis.call('HSET', connKey, 'user', u, 'node', n, 'data', ARGV[7])
redis.call('SADD', P .. 'node:' .. n, t .. '|' .. s)
alive(n, ARGV[3])
redis.call('SADD', P .. 'sockets:' .. t .. '|' .. u, s)
if redis.call('HSETNX', P .. 'online:' .. t, u, ARGV[8]) == 1 then
  redis.call('HSET', connKey, 'came', ARGV[9], 'told', ARGV[10])
  return 1
end
redis.call('ZREM', P .. 'idle', t .. '|' .. u)
if claim(connKey, ARGV[9], ARGV[10], cjson.decode(ARGV[11])) then return 1 end
return 0
`);

/**
 * ARGV: P, t, s, at, n, JSON [p] the viewings n recorded for the socket, mark of n's add of it that
 * failed or '', JSON [add id] n's adds of it that failed, removal id → the drop with the online
 * JSON of its user to announce (or false), or nil when the socket is not recorded. When another node holds the socket now (it recovered there), that
 * node's entry stays: only the viewings n recorded end, and n forgets the socket. An empty n keeps
 * the entry too: the socket recovered on the node removing its dropped connection. n forgets the
 * failed add with the socket: if it put the user online, nobody was told, so they are reported now.
 */
export const REMOVE_CONNECTION = new RedisScript(`${DROP}
${CLAIM}
local t, s, n = ARGV[2], ARGV[3], ARGV[5]
local member = t .. '|' .. s
local connKey = P .. 'conn:' .. member
local userId = redis.call('HGET', connKey, 'user')
local unannounced = ARGV[7] ~= '' and claim(connKey, ARGV[7], ARGV[9], cjson.decode(ARGV[8]))
  and redis.call('HGET', P .. 'online:' .. t, userId)
local dropped = drop(member, ARGV[4], n)
if dropped then
  dropped[4] = unannounced
  return dropped
end
if not userId then return nil end
if n ~= '' then redis.call('SREM', P .. 'node:' .. n, member) end
local ended = {}
for _, p in ipairs(cjson.decode(ARGV[6])) do
  local viewersKey = P .. 'viewers:' .. t .. '|' .. p
  local viewing = redis.call('HGET', viewersKey, s)
  if viewing then
    ended[#ended + 1] = viewing
    redis.call('HDEL', viewersKey, s)
    redis.call('SREM', P .. 'viewing:' .. member, p)
  end
end
return { redis.call('SCARD', P .. 'sockets:' .. t .. '|' .. userId), false, ended, unannounced }
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

/** ARGV: P, t, u, name, role → 1 when the user is online and their entry now says so. */
export const UPDATE_ACCOUNT = new RedisScript(`
local P, t, u = ARGV[1], ARGV[2], ARGV[3]
local onlineKey = P .. 'online:' .. t
local entry = redis.call('HGET', onlineKey, u)
if not entry then return 0 end
local online = cjson.decode(entry)
online.name, online.role = ARGV[4], ARGV[5]
redis.call('HSET', onlineKey, u, cjson.encode(online))
return 1
`);

/** ARGV: P, t, s, p, viewing JSON, n → { 1 if added (while n holds the socket), the patient's viewings }. */
export const START_VIEWING = new RedisScript(`
local P, t, s, p = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local viewersKey = P .. 'viewers:' .. t .. '|' .. p
local added = 0
if redis.call('HGET', P .. 'conn:' .. t .. '|' .. s, 'node') == ARGV[6] and redis.call('HSETNX', viewersKey, s, ARGV[5]) == 1 then
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
 * ARGV: P, n, now, settings, ttlMs,
 * JSON { connections: [{ t, s, u, data, online, unannounced?, lostAdds? }], viewings: [{ t, s, p, data }] },
 * renewal id, keptMs → { online JSON of users to announce, viewing JSON put back }.
 * Records the node's renewal and keeps the shared settings alive while a node runs. Asserts
 * everything the node holds: puts back what Redis lost (a restart without persistence) or what
 * was swept while the node could not renew. Only a sweep told the clinic anything, so only then
 * are its users reported to be announced again. An `unannounced` socket is one whose adding
 * failed on n, so nobody was told of it, `unannounced` being that add's mark: it is recorded in
 * full (its script may have stopped half-way), and its user reported if they come online by it,
 * or came online by that failed add (`came` is its mark) and the renewal claims the announcement
 * (CLAIM: an add of the socket still under way may have), even if the socket has moved to another
 * node since. The answer is kept (keptMs) under the renewal's id: a renewal whose answer was lost
 * took the swept mark and put everything back, so the same id run again (resent by the client,
 * or reused by n's next renewal) answers with it too, each user and viewing once.
 */
export const RENEW = new RedisScript(`
local P, n, id = ARGV[1], ARGV[2], ARGV[7]
${ALIVE}
${CLAIM}
local state = cjson.decode(ARGV[6])
local swept = redis.call('ZREM', P .. 'swept', n) == 1
local backOnline, restored, reported = {}, {}, {}
local function report(list, key, json)
  if reported[key] then return end
  reported[key] = true
  list[#list + 1] = json
end
local renewalKey = P .. 'renewal:' .. n
local earlier = redis.call('GET', renewalKey)
earlier = earlier and cjson.decode(earlier)
if earlier and earlier.id == id then
  for _, online in ipairs(earlier.backOnline) do
    local user = cjson.decode(online)
    report(backOnline, 'u' .. user.tenantId .. '|' .. user.userId, online)
  end
  for _, viewing in ipairs(earlier.restored) do
    local v = cjson.decode(viewing)
    report(restored, 'v' .. v.tenantId .. '|' .. v.socketId .. '|' .. v.patientId, viewing)
  end
end
alive(n, ARGV[3])
redis.call('SET', P .. 'settings', ARGV[4], 'PX', ARGV[5])
for _, c in ipairs(state.connections) do
  local member = c.t .. '|' .. c.s
  local connKey = P .. 'conn:' .. member
  local node = redis.call('HGET', connKey, 'node')
  local announce = c.unannounced and claim(connKey, c.unannounced, id, c.lostAdds)
  -- An unannounced socket that moved to another node (recovered there) is that node's to assert.
  if not node or (c.unannounced and node == n) then
    redis.call('HSET', connKey, 'user', c.u, 'node', n, 'data', c.data)
    redis.call('SADD', P .. 'sockets:' .. c.t .. '|' .. c.u, c.s)
    if redis.call('HSETNX', P .. 'online:' .. c.t, c.u, c.online) == 1 then
      if c.unannounced then redis.call('HSET', connKey, 'came', c.unannounced, 'told', id) end
      announce = swept or c.unannounced
    end
    redis.call('ZREM', P .. 'idle', c.t .. '|' .. c.u)
  end
  local online = announce and redis.call('HGET', P .. 'online:' .. c.t, c.u)
  if online then report(backOnline, 'u' .. c.t .. '|' .. c.u, online) end
  redis.call('SADD', P .. 'node:' .. n, member)
end
for _, v in ipairs(state.viewings) do
  if redis.call('HSETNX', P .. 'viewers:' .. v.t .. '|' .. v.p, v.s, v.data) == 1 then
    redis.call('SADD', P .. 'viewing:' .. v.t .. '|' .. v.s, v.p)
    report(restored, 'v' .. v.t .. '|' .. v.s .. '|' .. v.p, v.data)
  end
end
-- Only a renewal that reported something has anything to answer again.
if #backOnline + #restored > 0 then
  redis.call('SET', renewalKey, cjson.encode({ id = id, backOnline = backOnline, restored = restored }), 'PX', ARGV[8])
end
return { backOnline, restored }
`);

/**
 * ARGV: P, now, graceMs, ttlMs, contactSince, sweptKeptMs → { ended viewings, { t, u, lastSeenAt } offline }.
 * Drops the sockets of every node that has not renewed for a TTL (last seen at its last renewal),
 * marking the node swept in case it was only cut off from Redis and renews again, and settles
 * users idle past the grace. A sweeper in touch with Redis for less than a TTL (just started, or
 * Redis was away) drops nothing yet: the other nodes may not have had the chance to renew since,
 * and an outage must not look like dead nodes.
 */
export const SWEEP = new RedisScript(`${DROP}
local now, grace, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local ended = {}
if tonumber(ARGV[5]) <= now - ttl then
  local lapsed = redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', now - ttl, 'WITHSCORES')
  for i = 1, #lapsed, 2 do
    local nodeKey = P .. 'node:' .. lapsed[i]
    for _, member in ipairs(redis.call('SMEMBERS', nodeKey)) do
      local dropped = drop(member, tonumber(lapsed[i + 1]), lapsed[i])
      if dropped then
        for _, viewing in ipairs(dropped[3]) do ended[#ended + 1] = viewing end
      end
    end
    redis.call('DEL', nodeKey)
    redis.call('ZREM', P .. 'nodes', lapsed[i])
    redis.call('ZADD', P .. 'swept', now, lapsed[i])
  end
  -- A dead node never renews to take its mark away.
  redis.call('ZREMRANGEBYSCORE', P .. 'swept', '-inf', now - tonumber(ARGV[6]))
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
