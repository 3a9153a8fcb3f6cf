--[[
  Remove a mediator account.
  KEYS[1] account  KEYS[2] territory's set of usernames
  ARGV[1] username
  Returns 1 removed | 0 unknown
]]
local n = redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return n
