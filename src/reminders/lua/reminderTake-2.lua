-- Take the reminders that are due: each is pushed ARGV[2] ms into the future in the same step, so
-- no other instance takes it; the sender then sets its next time (or it comes back after the lease).
-- KEYS[1] due zset, KEYS[2] key prefix of reminder hashes (…:r:)
-- ARGV[1] now (ms), ARGV[2] lease (ms), ARGV[3] max count
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, id in ipairs(ids) do
  local data = redis.call('HGET', KEYS[2] .. id, 'data')
  if data then
    redis.call('ZADD', KEYS[1], until_ms, id)
    table.insert(out, data)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
