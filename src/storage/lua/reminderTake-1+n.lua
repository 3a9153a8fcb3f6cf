-- Take the reminders that are due: each is pushed ARGV[2] ms into the future in the same step, so
-- no other instance takes it; the sender then sets its next time (or it comes back after the lease).
-- KEYS[1] due zset, KEYS[2..] the hashes of the candidate reminders (…:r:<id>)
-- ARGV[1] now (ms), ARGV[2] lease (ms), ARGV[i + 1] the id of KEYS[i] (i >= 2)
-- Every key is declared (Redis Cluster: all share the {rem} hash tag, one slot). The caller picks the
-- candidates with ZRANGEBYSCORE; one that another instance took meanwhile is no longer due: skipped.
-- Returns the data (JSON) of the reminders taken.
local now = tonumber(ARGV[1])
local until_ms = now + tonumber(ARGV[2])
local out = {}
for i = 2, #KEYS do
  local id = ARGV[i + 1]
  local score = redis.call('ZSCORE', KEYS[1], id)
  if score and tonumber(score) <= now then
    local data = redis.call('HGET', KEYS[i], 'data')
    if data then
      redis.call('ZADD', KEYS[1], until_ms, id)
      table.insert(out, data)
    else
      redis.call('ZREM', KEYS[1], id)
    end
  end
end
return out
