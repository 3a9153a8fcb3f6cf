--[[
  Transitions "cancel" (the citizen wrote "annuler") and "expire" (waited too long):
  waiting → cancelled | expired. The citizen then has no active handoff.
  KEYS[1] record hash  KEYS[2] queue zset  KEYS[3] citizen pointer  KEYS[4] events stream
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] 'cancel' | 'expire'  ARGV[4] max wait (ms, for expire)  ARGV[5] retention (s)
  Returns {1} | {0} not found | {-1, state} illegal | {-3} not due (expire before the max wait)
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'waiting' then return {-1, state} end
local id, now, mode = ARGV[1], tonumber(ARGV[2]), ARGV[3]
if mode == 'expire' and now - tonumber(redis.call('HGET', KEYS[1], 'enqueuedAt')) < tonumber(ARGV[4]) then
  return {-3}
end
local target, event = 'cancelled', 'handoff.cancelled'
if mode == 'expire' then target, event = 'expired', 'handoff.expired' end
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', target, 'closedAt', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if redis.call('GET', KEYS[3]) == id then redis.call('DEL', KEYS[3]) end
addHandoffEvent(KEYS[4], 'type', event, 'transition', mode,
  'id', id, 'state', target, 'at', ARGV[2])
return {1}
