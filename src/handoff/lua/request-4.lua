--[[
  Transition "request": bot → waiting (idempotent per citizen).
  KEYS[1] record hash   KEYS[2] queue zset   KEYS[3] citizen pointer   KEYS[4] events stream
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] retention (s)  ARGV[4] data (JSON)  ARGV[5] priority
  ARGV[6] queue score  ARGV[7] citizen key
  Returns {1, id} created | {2, existingId} the citizen already has an active handoff (nothing changed)
]]
local existing = redis.call('GET', KEYS[3])
if existing then
  return {2, existing}
end
local id, now, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'data', ARGV[4], 'state', 'waiting', 'priority', ARGV[5], 'band', '1',
  'createdAt', now, 'enqueuedAt', now, 'citizenKey', ARGV[7])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], ARGV[6], id)
redis.call('SET', KEYS[3], id, 'EX', ttl)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '10000', '*', 'type', 'handoff.requested', 'transition', 'request',
  'id', id, 'state', 'waiting', 'at', now)
return {1, id}
