--[[
  Erase what a web chat conversation said ("effacer mes données"), keeping its length so every
  client's watermark stays valid: each activity becomes an empty "erased" event with its id.
  KEYS[1]  activity list   <prefix>dl:{<conversationId>}:acts
  Returns  how many activities were erased
]]
local n = redis.call('LLEN', KEYS[1])
for i = 0, n - 1 do
  local ok, a = pcall(cjson.decode, redis.call('LINDEX', KEYS[1], i))
  local id = (ok and type(a) == 'table' and a.id) or ('erased-' .. i)
  redis.call('LSET', KEYS[1], i, cjson.encode({ type = 'event', name = 'erased', id = id }))
end
return n
