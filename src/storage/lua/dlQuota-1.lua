--[[
  A daily photo quota of the web chat (a conversation's, a client address's or a territory's): how many
  photos and how many bytes in a window that starts with the first photo counted (24 hours).
  KEYS[1]  quota hash   <prefix>rl:photos:<conv|ip|territory>:{<id>}   fields n (photos) and b (bytes)
  ARGV[1]  mode: 'check' (is there room for one more photo? nothing written), 'take' (count one photo of
           ARGV[2] bytes if it fits), 'give' (un-count one photo of ARGV[2] bytes: a later check refused it,
           or storing it failed)
  ARGV[2]  bytes of the photo ('check': ignored)
  ARGV[3]  most photos in the window (0 = no limit)
  ARGV[4]  most bytes in the window (0 = no limit)
  ARGV[5]  window, ms
  Returns  0 done (room left / counted / given back) | > 0 refused: ms until the window ends (nothing written)
  One key: runs on Redis Cluster.
]]
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local b = tonumber(redis.call('HGET', KEYS[1], 'b') or '0')
local size = tonumber(ARGV[2])
if ARGV[1] == 'give' then
  if n > 0 then
    redis.call('HINCRBY', KEYS[1], 'n', -1)
    redis.call('HINCRBY', KEYS[1], 'b', -math.min(size, b))
  end
  return 0
end
if ARGV[1] == 'check' then
  size = 1
end
local maxN = tonumber(ARGV[3])
local maxB = tonumber(ARGV[4])
if (maxN > 0 and n + 1 > maxN) or (maxB > 0 and b + size > maxB) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl <= 0 then
    ttl = tonumber(ARGV[5])
  end
  return ttl
end
if ARGV[1] == 'take' then
  redis.call('HINCRBY', KEYS[1], 'n', 1)
  redis.call('HINCRBY', KEYS[1], 'b', size)
  if redis.call('PTTL', KEYS[1]) < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[5])
  end
end
return 0
