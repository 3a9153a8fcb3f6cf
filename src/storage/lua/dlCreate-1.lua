--[[
  Create a web chat conversation once.
  KEYS[1]  conversation meta hash  <prefix>dl:{<conversationId>}:meta
  ARGV[1]  territory id
  ARGV[2]  user id
  ARGV[3]  created at (ms)
  ARGV[4]  TTL seconds (the territory's retention, kept in the hash for every append)
  Returns  1 created | 0 already existed (nothing changed)
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'territory', ARGV[1], 'user', ARGV[2], 'createdAt', ARGV[3], 'ttl', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
