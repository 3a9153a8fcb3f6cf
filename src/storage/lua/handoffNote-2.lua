--[[
  A mediator's internal note on a handoff (never sent to the citizen; no state change, no event): appended to the
  handoff's notes, which live as long as its messages (the territory's retention) and are erased with it.
  KEYS[1] record hash  KEYS[2] notes list
  ARGV[1] note (JSON)  ARGV[2] retention (s)  ARGV[3] most notes a handoff may have
  Returns {1, count} | {0} no such handoff | {-4, count} the handoff has its most notes already
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local count = redis.call('LLEN', KEYS[2])
if count >= tonumber(ARGV[3]) then return {-4, count} end
local n = redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
return {1, n}
