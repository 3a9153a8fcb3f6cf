--[[
  A message between the citizen and the mediator (no state change; one "handoff.message" event).
  KEYS[1] record hash  KEYS[2] messages list  KEYS[3] events stream
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] message (JSON)  ARGV[4] mediator id or ''  ARGV[5] retention (s)
  Returns {1, count} | {0} not found | {-1, state} the handoff is not waiting nor with a mediator
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'waiting' and state ~= 'with_mediator' then return {-1, state} end
local n = redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
addHandoffEvent(KEYS[3], 'type', 'handoff.message', 'transition', 'message',
  'id', ARGV[1], 'state', state, 'at', ARGV[2], 'mediatorId', ARGV[4], 'messageIndex', tostring(n - 1))
return {1, n}
