-- A job leaves the outbox: sent (ARGV[2] empty), or dead (ARGV[2] = its dead-letter entry, kept in a capped list).
-- KEYS[1] due zset, KEYS[2] jobs hash, KEYS[3] dead-letter list
-- ARGV[1] id, ARGV[2] dead-letter entry (JSON) or '', ARGV[3] most dead letters kept
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[2] ~= '' then
  redis.call('LPUSH', KEYS[3], ARGV[2])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1)
end
return 1
