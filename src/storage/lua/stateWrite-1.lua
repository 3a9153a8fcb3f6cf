--[[
  Optimistic-concurrency write of one conversation/user state item, with the lines its log gains.
  KEYS[1]  the state key (a hash: e = eTag, v = JSON value, l = the log: lines joined by '\n', oldest first)
  ARGV[1]  expected eTag; '' or '*' writes unconditionally
  ARGV[2]  new eTag
  ARGV[3]  JSON value
  ARGV[4]  TTL in seconds (refreshed on every write)
  ARGV[5]  how many lines the log keeps (the last ones); 0 when no line is appended
  ARGV[6…] lines appended to the log (each without '\n')
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
local keep = tonumber(ARGV[5]) or 0
if keep > 0 and #ARGV > 5 then
  local lines = {}
  local old = kind == 'hash' and redis.call('HGET', key, 'l') or false
  if old then
    for line in string.gmatch(old, '[^\n]+') do lines[#lines + 1] = line end
  end
  for i = 6, #ARGV do lines[#lines + 1] = ARGV[i] end
  local from = math.max(1, #lines - keep + 1)
  redis.call('HSET', key, 'e', ARGV[2], 'v', ARGV[3], 'l', table.concat(lines, '\n', from, #lines))
else
  redis.call('HSET', key, 'e', ARGV[2], 'v', ARGV[3])
end
redis.call('EXPIRE', key, tonumber(ARGV[4]))
return 1
