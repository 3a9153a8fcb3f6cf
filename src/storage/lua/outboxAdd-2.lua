-- Put a job in a provider's outbox (new, or back after a failed attempt): its data and its due time, together.
-- KEYS[1] due zset, KEYS[2] jobs hash
-- ARGV[1] id, ARGV[2] due (ms), ARGV[3] job (JSON)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
