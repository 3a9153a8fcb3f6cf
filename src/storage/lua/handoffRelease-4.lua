--[[
  Transitions "release" (the mediator gives it back) and "lease-expired" (no heartbeat in time):
  with_mediator → waiting, at the HEAD of the queue.
  KEYS[1] record hash  KEYS[2] queue zset  KEYS[3] leases zset  KEYS[4] events stream
  ARGV[1] id  ARGV[2] lease token ('' for lease-expired)  ARGV[3] now (ms)  ARGV[4] 'release' | 'lease-expired'
  ARGV[5] retention (s)
  The head score keeps priority and arrival order among the put-back ones: (priority + 9) * 1e13 + arrival.
  Returns {1} | {0} not found | {-1, state} illegal | {-2} lease lost (wrong token, or not expired yet)
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'with_mediator' then return {-1, state} end
local mode = ARGV[4]
if mode == 'release' then
  if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[2] then return {-2} end
else
  if tonumber(redis.call('HGET', KEYS[1], 'leaseExpiresAt')) > tonumber(ARGV[3]) then return {-2} end
end
local id = ARGV[1]
local mediator = redis.call('HGET', KEYS[1], 'mediatorId') or ''
redis.call('HDEL', KEYS[1], 'mediatorId', 'lease', 'leaseExpiresAt', 'claimedAt')
redis.call('HSET', KEYS[1], 'state', 'waiting', 'band', '0', 'enqueuedAt', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('ZREM', KEYS[3], id)
local prio = tonumber(redis.call('HGET', KEYS[1], 'priority') or '0')
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
redis.call('ZADD', KEYS[2], string.format('%.0f', (prio + 9) * 1e13 + seq), id)
local event = 'handoff.released'
if mode ~= 'release' then event = 'handoff.lease_expired' end
addHandoffEvent(KEYS[4], 'type', event, 'transition', mode,
  'id', id, 'state', 'waiting', 'at', ARGV[3], 'mediatorId', mediator)
return {1}
