--[[
  Transition "claim": waiting → with_mediator, as a lease. Exactly one concurrent claim wins.
  KEYS[1] record hash  KEYS[2] queue zset  KEYS[3] leases zset  KEYS[4] events stream  KEYS[5] waits list
  ARGV[1] id  ARGV[2] mediator id  ARGV[3] lease token  ARGV[4] now (ms)  ARGV[5] lease (ms)  ARGV[6] retention (s)
  Returns {1, leaseExpiresAt, the record's fields as HGETALL gives them (the mediator gets it in the same round trip)}
          | {0} not found | {-1, state} illegal from this state (e.g. already claimed)
]]
--- @include "includes/addHandoffEvent"
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'waiting' then return {-1, state} end
local id, now = ARGV[1], tonumber(ARGV[4])
local expires = now + tonumber(ARGV[5])
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', 'with_mediator', 'mediatorId', ARGV[2], 'lease', ARGV[3],
  'leaseExpiresAt', tostring(expires), 'claimedAt', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[6]))
redis.call('ZADD', KEYS[3], expires, id)
local enqueued = tonumber(redis.call('HGET', KEYS[1], 'enqueuedAt'))
redis.call('LPUSH', KEYS[5], tostring(now - enqueued))
redis.call('LTRIM', KEYS[5], 0, 19)
addHandoffEvent(KEYS[4], 'type', 'handoff.claimed', 'transition', 'claim',
  'id', id, 'state', 'with_mediator', 'at', ARGV[4], 'mediatorId', ARGV[2])
return {1, expires, redis.call('HGETALL', KEYS[1])}
