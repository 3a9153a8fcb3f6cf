--[[
  Optimistic-concurrency write of one conversation/user state item.
  KEYS[1]  the state key (a hash: e = eTag, v = JSON value)
  ARGV[1]  expected eTag; '' or '*' writes unconditionally
  ARGV[2]  new eTag
  ARGV[3]  JSON value
  ARGV[4]  TTL in seconds (refreshed on every write)
  Returns  1 written | 0 eTag conflict (the stored item changed since it was read)
]]
local key = KEYS[1]
local expected = ARGV[1]
local kind = redis.call('TYPE', key)['ok']
if kind ~= 'none' and kind ~= 'hash' then
  -- Not ours (corrupted by hand): replace it.
  redis.call('DEL', key)
  kind = 'none'
end
if expected ~= '' and expected ~= '*' and kind == 'hash' then
  local current = redis.call('HGET', key, 'e')
  if current and current ~= expected then
    return 0
  end
end
redis.call('HSET', key, 'e', ARGV[2], 'v', ARGV[3])
redis.call('EXPIRE', key, tonumber(ARGV[4]))
return 1
