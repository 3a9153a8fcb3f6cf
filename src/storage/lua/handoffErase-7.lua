--[[
  "Effacer mes données": forget one handoff of the citizen entirely (record with its transcript and
  conversation reference, messages, mediators' notes, its place in the queue, lease and callback lists, the
  citizen's pointer). Events of the stream carry no personal data and stay for the counters.
  KEYS[1] record hash  KEYS[2] messages list  KEYS[3] queue zset  KEYS[4] leases zset
  KEYS[5] callbacks zset  KEYS[6] citizen pointer  KEYS[7] notes list
  ARGV[1] id  ARGV[2] citizen key (the record must be this citizen's)
  Returns 1 erased | 0 not this citizen's (or gone)
]]
if redis.call('HGET', KEYS[1], 'citizenKey') ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[7])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
if redis.call('GET', KEYS[6]) == ARGV[1] then redis.call('DEL', KEYS[6]) end
return 1
