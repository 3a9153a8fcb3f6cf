-- Take the jobs due now, oldest first, leasing each (pushed to now + lease) so no other instance sends it meanwhile.
-- A job whose data is gone (done elsewhere) is dropped from the due set.
-- KEYS[1] due zset, KEYS[2] jobs hash
-- ARGV[1] now (ms), ARGV[2] lease (ms), ARGV[3] most jobs
-- Returns the jobs' JSON.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  local job = redis.call('HGET', KEYS[2], id)
  if job then
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), id)
    out[#out + 1] = job
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
