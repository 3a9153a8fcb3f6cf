--[[
  What a messaging channel writes once a turn's replies are known, in one round trip: the items beyond
  one reply held back for "SUITE" (or for the citizen to reopen WhatsApp's window), the day's outbound
  cap counted (each item sent counts), and the message id marked done (a retry is then a duplicate).
  Every key carries the same hash tag {u<bucket of the user id>} (one cluster slot), as in beforeTurn-8.lua.
  KEYS[1]  <prefix>rl:{u…}:<user id>:out:d               items sent today
  KEYS[2]  <prefix>contact:held:<channel>:{u…}:<user id> list of items held back
  KEYS[3]  <prefix>dedup:<channel>:{u…}:<hash of the message id> (proactive: KEYS[1] again, unused)
  ARGV[1]  how many items are to be sent now
  ARGV[2]  most items a day
  ARGV[3]  TTL seconds of what is written (the territory's retention)
  ARGV[4]  '1': mark the message id done | '0' (proactive)
  ARGV[5]  held items: 'keep' (untouched) | 'replace' | 'append' (with ARGV[6..])
  ARGV[6…] the items to hold
  Returns  how many of the items may be sent now (the first ones)
]]
local ttl = tonumber(ARGV[3])
if ARGV[5] == 'replace' then
  redis.call('DEL', KEYS[2])
end
if ARGV[5] ~= 'keep' and #ARGV > 5 then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 6))
  redis.call('EXPIRE', KEYS[2], ttl)
end
-- XX: a released id (the turn failed) stays released.
if ARGV[4] == '1' then
  redis.call('SET', KEYS[3], 'done', 'EX', ttl, 'XX')
end
local count = tonumber(ARGV[1])
if count == 0 then
  return 0
end
local limit = tonumber(ARGV[2])
local after = redis.call('INCRBY', KEYS[1], count)
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], 86400000)
end
local before = after - count
if before >= limit then
  return 0
end
return math.min(count, limit - before)
