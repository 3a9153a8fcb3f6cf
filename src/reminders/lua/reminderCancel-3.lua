-- Cancel reminders of one citizen: the given id, or all of them when ARGV[1] is '*'.
-- KEYS[1] due zset, KEYS[2] citizen's set, KEYS[3] key prefix of reminder hashes (…:r:)
-- Returns how many were cancelled.
local ids
if ARGV[1] == '*' then
  ids = redis.call('SMEMBERS', KEYS[2])
elseif redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  ids = { ARGV[1] }
else
  return 0
end
for _, id in ipairs(ids) do
  redis.call('DEL', KEYS[3] .. id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('SREM', KEYS[2], id)
end
return #ids
