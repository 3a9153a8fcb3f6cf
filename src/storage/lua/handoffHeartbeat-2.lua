--[[
  Renew a claim's lease (no transition, no event).
  KEYS[1] record hash  KEYS[2] leases zset
  ARGV[1] id  ARGV[2] lease token  ARGV[3] now (ms)  ARGV[4] lease (ms)  ARGV[5] retention (s)
  Returns {1, leaseExpiresAt} | {0} not found | {-1, state} not with a mediator | {-2} lease lost (other token)
]]
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state ~= 'with_mediator' then return {-1, state} end
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[2] then return {-2} end
local expires = tonumber(ARGV[3]) + tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'leaseExpiresAt', tostring(expires))
redis.call('ZADD', KEYS[2], expires, ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return {1, expires}
