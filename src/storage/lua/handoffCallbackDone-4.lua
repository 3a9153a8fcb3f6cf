--[[
  Transition "callback-done": callback_requested → closed (the mediator called back).
  KEYS[1] record hash  KEYS[2] callbacks zset  KEYS[3] citizen pointer  KEYS[4] events stream
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] outcome  ARGV[4] mediator id  ARGV[5] retention (s)
  Returns {1} | {0} not found | {-1, state} illegal
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'callback_requested' then return {-1, state} end
local id = ARGV[1]
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', 'closed', 'outcome', ARGV[3], 'closedAt', ARGV[2], 'mediatorId', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if redis.call('GET', KEYS[3]) == id then redis.call('DEL', KEYS[3]) end
addHandoffEvent(KEYS[4], 'type', 'handoff.callback_done', 'transition', 'callback-done',
  'id', id, 'state', 'closed', 'at', ARGV[2], 'mediatorId', ARGV[4])
return {1}
