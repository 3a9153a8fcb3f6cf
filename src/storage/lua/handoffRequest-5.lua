--[[
  Transition "request": bot → waiting (idempotent per citizen).
  KEYS[1] record hash   KEYS[2] queue zset   KEYS[3] citizen pointer   KEYS[4] events stream
  KEYS[5] arrival counter (FIFO order even within one millisecond)
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] retention (s)  ARGV[4] data (JSON)  ARGV[5] priority (-9..9, lower first)
  ARGV[6] citizen key
  Queue score = band * 1e15 + (priority + 9) * 1e13 + arrival; band 1 = normal, band 0 = put back at the head.
  Returns {1, id} created | {2, existingId} the citizen already has an active handoff (nothing changed)
]]
--- @include "includes/addHandoffEvent"
local existing = redis.call('GET', KEYS[3])
if existing then
  return {2, existing}
end
local id, now, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
local seq = redis.call('INCR', KEYS[5])
local score = string.format('%.0f', 1e15 + (tonumber(ARGV[5]) + 9) * 1e13 + seq)
redis.call('HSET', KEYS[1], 'data', ARGV[4], 'state', 'waiting', 'priority', ARGV[5], 'band', '1', 'seq', seq,
  'createdAt', now, 'enqueuedAt', now, 'citizenKey', ARGV[6])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], score, id)
redis.call('SET', KEYS[3], id, 'EX', ttl)
addHandoffEvent(KEYS[4], 'type', 'handoff.requested', 'transition', 'request',
  'id', id, 'state', 'waiting', 'at', now)
return {1, id}
