--[[
  Transition "transfer": with_mediator → with_mediator, held by a colleague with a new lease (the old token stops
  working at once). The API checked that the colleague is of the territory and on duty.
  KEYS[1] record hash  KEYS[2] leases zset  KEYS[3] events stream
  ARGV[1] id  ARGV[2] current lease token  ARGV[3] new mediator id  ARGV[4] new lease token  ARGV[5] now (ms)
  ARGV[6] lease (ms)  ARGV[7] retention (s)
  Returns {1, leaseExpiresAt, the record's fields as HGETALL gives them} | {0} not found
          | {-1, state} not with a mediator | {-2} lease lost (not the holder's token)
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'with_mediator' then return {-1, state} end
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[2] then return {-2} end
local id = ARGV[1]
local expires = tonumber(ARGV[5]) + tonumber(ARGV[6])
redis.call('HSET', KEYS[1], 'state', 'with_mediator', 'mediatorId', ARGV[3], 'lease', ARGV[4],
  'leaseExpiresAt', tostring(expires), 'claimedAt', ARGV[5])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[7]))
redis.call('ZADD', KEYS[2], expires, id)
addHandoffEvent(KEYS[3], 'type', 'handoff.transferred', 'transition', 'transfer',
  'id', id, 'state', 'with_mediator', 'at', ARGV[5], 'mediatorId', ARGV[3])
return {1, expires, redis.call('HGETALL', KEYS[1])}
