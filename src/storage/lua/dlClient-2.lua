--[[
  A web chat client's own message id (Web Chat's channelData.clientActivityID): a re-post of the same
  message, on any instance, runs no second turn. A claim also counts the message against the
  conversation's rate limit (the counter RateLimiter keeps: src/storage/rateLimiter.ts), in the same round trip.
  KEYS[1]  client ids hash   <prefix>dl:{<conversationId>}:cids   field: client id,
           value 'd:<activity id>' (handled) or 'p:<lease expiry ms>:<activity id>' (its turn is running)
  KEYS[2]  the message counter <prefix>lim:dl:msgs:{<conversationId>} (KEYS[1] again when not counting)
  ARGV[1]  'claim' | 'release'
  ARGV[2]  client id
  ARGV[3]  activity id (claim: the id the turn will have; release: the caller's, released only if still its)
  ARGV[4]  now, ms (claim)
  ARGV[5]  lease, ms (claim): a running claim older than this is taken over (its instance died)
  ARGV[6]  TTL seconds of the hash (claim: the conversation's retention)
  ARGV[7]  most ids kept (claim): when the hash is full it starts over (retries come within minutes)
  ARGV[8]  most messages in the counter's window (claim; 0: not counted)
  ARGV[9]  the counter's window, ms (claim)
  Returns  claim: {'taken'|'done'|'pending', activity id} or {'limited', ''} (over the limit: nothing claimed);
           release: 1 released | 0 not (done, or another's)
  Marked done by dlAppend-3.lua with the turn's activities, in the same script.
]]
if ARGV[1] == 'claim' and tonumber(ARGV[8]) > 0 then
  local n = redis.call('INCR', KEYS[2])
  if redis.call('PTTL', KEYS[2]) == -1 then
    redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[9]))
  end
  if n > tonumber(ARGV[8]) then
    return { 'limited', '' }
  end
end
local v = redis.call('HGET', KEYS[1], ARGV[2])
if ARGV[1] == 'release' then
  if v and string.sub(v, 1, 2) == 'p:' and string.match(v, '^p:%d+:(.*)$') == ARGV[3] then
    redis.call('HDEL', KEYS[1], ARGV[2])
    return 1
  end
  return 0
end
if v then
  if string.sub(v, 1, 2) == 'd:' then
    return { 'done', string.sub(v, 3) }
  end
  local expiry, id = string.match(v, '^p:(%d+):(.*)$')
  if expiry and tonumber(expiry) > tonumber(ARGV[4]) then
    return { 'pending', id }
  end
elseif redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[7]) then
  redis.call('DEL', KEYS[1])
end
redis.call('HSET', KEYS[1], ARGV[2], 'p:' .. (tonumber(ARGV[4]) + tonumber(ARGV[5])) .. ':' .. ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[6]))
return { 'taken', ARGV[3] }
