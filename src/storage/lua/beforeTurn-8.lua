--[[
  Everything a messaging channel (SMS, WhatsApp, Telegram) does before a citizen's turn, in one round
  trip: take the provider message id (dedup), remember when the citizen wrote and in which conversation,
  count the message against the inbound rate limits, read STOP, record STOP/START, and take or clear
  what was held back ("SUITE"). Every key carries the same hash tag {u<bucket of the user id>} (one
  cluster slot; the dedup key names no citizen).
  KEYS[1]  <prefix>dedup:<channel>:{u…}:<hash of the message id>   'pending' | 'done'
  KEYS[2]  <prefix>contact:seen:{u…}:<user id>          JSON {address, at}
  KEYS[3]  <prefix>contact:convs:{u…}:<user id>         set of conversation ids
  KEYS[4]  <prefix>rl:{u…}:<user id>:in:m               messages this minute
  KEYS[5]  <prefix>rl:{u…}:<user id>:in:d               messages today
  KEYS[6]  <prefix>rl:{u…}:<user id>:notice             "slow down" said in this window
  KEYS[7]  <prefix>contact:stop:<channel>:{u…}:<user id> '1' while the citizen has said STOP
  KEYS[8]  <prefix>contact:held:<channel>:{u…}:<user id> list of items held back
  ARGV[1]  lease seconds: how long the message id stays 'pending' if its turn never finishes
  ARGV[2]  TTL seconds of what is written (the territory's retention)
  ARGV[3]  the seen record (JSON)
  ARGV[4]  conversation id ('' = none)
  ARGV[5]  most messages a minute
  ARGV[6]  most messages a day
  ARGV[7]  'media' (a photo or voice note without text) | 'text'
  ARGV[8]  the message's command: 'stop' | 'start' | ''
  ARGV[9]  'SUITE' asked: how many held items to hand out (0 = not asked)
  ARGV[10] what becomes of held items on a new message: 'flush' (taken, sent first) | 'clear' | 'keep'
  Returns  {state} when the id was taken already: 'pending' | 'done' (or '1', an id remembered before
           ids had states); else {'taken', limited, notice, stopped, kind, remaining, items...}:
           limited '' | 'minute' | 'day' (and notice 1 the first time in the window: say it);
           stopped 1 when STOP was in force before this message;
           kind 'more' (held items handed out instead of a turn) | 'turn' (items: flushed ones).
]]
local was = redis.call('GET', KEYS[1])
if was then
  return {was}
end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], 'pending', 'EX', tonumber(ARGV[1]))
redis.call('SET', KEYS[2], ARGV[3], 'EX', ttl)
if ARGV[4] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[4])
  redis.call('EXPIRE', KEYS[3], ttl)
end

-- A counter over a window that starts with its first message.
local function hit(key, limit, windowMs)
  local n = redis.call('INCR', key)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, windowMs)
  end
  return n <= limit
end

local underMinute = hit(KEYS[4], tonumber(ARGV[5]), 60000)
local underDay = underMinute and hit(KEYS[5], tonumber(ARGV[6]), 86400000)
if not underDay then
  local window = 60000
  if underMinute then window = 86400000 end
  local notice = 0
  if hit(KEYS[6], 1, window) then notice = 1 end
  local limited = 'minute'
  if underMinute then limited = 'day' end
  return {'taken', limited, notice, 0, 'turn', 0}
end

local stopped = redis.call('EXISTS', KEYS[7])
if ARGV[7] == 'media' then
  return {'taken', '', 0, stopped, 'turn', 0}
end

local more = tonumber(ARGV[9])
if more > 0 then
  local items = redis.call('LRANGE', KEYS[8], 0, more - 1)
  if #items > 0 then
    redis.call('LTRIM', KEYS[8], more, -1)
    local out = {'taken', '', 0, stopped, 'more', redis.call('LLEN', KEYS[8])}
    for _, item in ipairs(items) do out[#out + 1] = item end
    return out
  end
end

-- STOP is recorded before the turn, so that nothing after it can lose it.
if ARGV[8] == 'stop' then
  redis.call('SET', KEYS[7], '1', 'EX', ttl)
elseif ARGV[8] == 'start' then
  redis.call('DEL', KEYS[7])
end

local out = {'taken', '', 0, stopped, 'turn', 0}
if ARGV[10] == 'flush' then
  for _, item in ipairs(redis.call('LRANGE', KEYS[8], 0, 999)) do out[#out + 1] = item end
  redis.call('LTRIM', KEYS[8], 1000, -1)
elseif ARGV[10] == 'clear' then
  redis.call('DEL', KEYS[8])
end
return out
