--[[
  Transition "transfer-territory": with_mediator → transferred. The conversation went to another territory's queue
  (its new handoff was requested there first: two territories are two cluster slots); this one ends here and names it.
  KEYS[1] record hash  KEYS[2] leases zset  KEYS[3] citizen pointer  KEYS[4] events stream
  ARGV[1] id  ARGV[2] lease token  ARGV[3] now (ms)  ARGV[4] "<territory>/<id>" of the new handoff  ARGV[5] retention (s)
  Returns {1} | {0} not found | {-1, state} illegal | {-2} lease lost
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'with_mediator' then return {-1, state} end
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[2] then return {-2} end
local id = ARGV[1]
local mediator = redis.call('HGET', KEYS[1], 'mediatorId') or ''
redis.call('HDEL', KEYS[1], 'lease', 'leaseExpiresAt')
redis.call('HSET', KEYS[1], 'state', 'transferred', 'movedTo', ARGV[4], 'closedAt', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('ZREM', KEYS[2], id)
if redis.call('GET', KEYS[3]) == id then redis.call('DEL', KEYS[3]) end
addHandoffEvent(KEYS[4], 'type', 'handoff.transferred_out', 'transition', 'transfer-territory',
  'id', id, 'state', 'transferred', 'at', ARGV[3], 'mediatorId', mediator)
return {1}
