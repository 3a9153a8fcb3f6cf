--[[
  Transition "request-callback": bot | waiting | expired → callback_requested (a mediator will call back).
  KEYS[1] record hash  KEYS[2] queue zset  KEYS[3] citizen pointer  KEYS[4] callbacks zset  KEYS[5] events stream
  ARGV[1] id  ARGV[2] now (ms)  ARGV[3] retention (s)  ARGV[4] phone  ARGV[5] call at (ms)
  ARGV[6] '1' = new record from the bot (ARGV[7] data JSON, ARGV[8] priority, ARGV[9] citizen key) | '0' = existing
  Returns {1, id} | {2, id} the citizen already has an active handoff: its id (nothing changed)
        | {0} not found | {-1, state} illegal
]]
--- @include "includes/addHandoffEvent"
local id, now, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
if ARGV[6] == '1' then
  local existing = redis.call('GET', KEYS[3])
  if existing then return {2, existing} end
  redis.call('HSET', KEYS[1], 'data', ARGV[7], 'state', 'bot', 'priority', ARGV[8], 'band', '1',
    'createdAt', now, 'enqueuedAt', now, 'citizenKey', ARGV[9])
end
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {0} end
if state == 'callback_requested' then return {2, id} end
local pointer = redis.call('GET', KEYS[3])
if pointer and pointer ~= id then return {2, pointer} end
if state ~= 'bot' and state ~= 'waiting' and state ~= 'expired' then return {-1, state} end
redis.call('ZREM', KEYS[2], id)
redis.call('HDEL', KEYS[1], 'closedAt')
redis.call('HSET', KEYS[1], 'state', 'callback_requested', 'callbackPhone', ARGV[4], 'callbackAt', ARGV[5])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('SET', KEYS[3], id, 'EX', ttl)
redis.call('ZADD', KEYS[4], ARGV[5], id)
addHandoffEvent(KEYS[5], 'type', 'handoff.callback_requested',
  'transition', 'request-callback', 'id', id, 'state', 'callback_requested', 'at', now)
return {1, id}
