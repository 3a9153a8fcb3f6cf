-- Add a reminder: its data, its place in the due set, and the citizen's index, together.
-- KEYS[1] due zset, KEYS[2] reminder hash, KEYS[3] citizen's set of reminder ids
-- ARGV[1] id, ARGV[2] due (ms), ARGV[3] data (JSON)
redis.call('HSET', KEYS[2], 'data', ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
