-- Cancel reminders of one citizen: the declared ones that still belong to them.
-- KEYS[1] due zset, KEYS[2] citizen's set of reminder ids, KEYS[3..] the reminder hashes (…:r:<id>)
-- ARGV[i] the id of KEYS[i + 2]
-- Every key is declared (Redis Cluster: all share the {rem} hash tag, one slot). The caller reads the
-- citizen's set first; an id added in between is not declared, hence the second value returned.
-- Returns { cancelled, ids left in the citizen's set }.
local n = 0
for i, id in ipairs(ARGV) do
  if redis.call('SISMEMBER', KEYS[2], id) == 1 then
    redis.call('DEL', KEYS[i + 2])
    redis.call('ZREM', KEYS[1], id)
    redis.call('SREM', KEYS[2], id)
    n = n + 1
  end
end
return { n, redis.call('SCARD', KEYS[2]) }
