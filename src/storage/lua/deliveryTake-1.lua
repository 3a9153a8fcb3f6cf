--[[
  Take a provider message id for a turn (webhook dedup), saying what was there if it was already taken.
  KEYS[1]  <prefix>dedup:<channel>:{u…}:<hash of the message id> (the untagged layout with the ids before keyed ones)
  ARGV[1]  lease in seconds: how long the id stays "pending" if its turn never finishes
  Returns  false (nil): taken now, "pending" | "done" (or "1", an id remembered before ids had states)
  (SET … NX GET would do it in one command, but needs Redis 7.)
]]
local was = redis.call('GET', KEYS[1])
if was then
  return was
end
redis.call('SET', KEYS[1], 'pending', 'EX', tonumber(ARGV[1]))
return false
