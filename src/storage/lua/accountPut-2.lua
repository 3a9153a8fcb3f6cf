--[[
  Create or replace a mediator account of a territory.
  KEYS[1] account (JSON string)  <p>med:{T}:acct:<username>   KEYS[2] territory's set of usernames  <p>med:{T}:accts
  ARGV[1] username  ARGV[2] JSON {id, name, role, hash, createdAt}  ARGV[3] '1' = fail if it exists
  Returns 1 written | 0 already exists (nothing changed)
]]
if ARGV[3] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
