--[[
  Append activities to a web chat conversation and refresh its retention.
  KEYS[1]  conversation meta hash   <prefix>dl:{<conversationId>}:meta
  KEYS[2]  activity list            <prefix>dl:{<conversationId>}:acts
  ARGV[1]  TTL seconds for a conversation whose meta has none (created before the meta kept its retention)
  ARGV[2]  pub/sub channel of the announcements
  ARGV[3]  the announcement's JSON up to its last known field, without the closing brace:
           {"conversationId":"…","kind":"activities","count":N
           the script completes it with ,"watermark":<new length>,"activities":<JSON array of ARGV 4..n>}
           so the instance holding the citizen's socket pushes them without reading the list back
           ("activities" last: a subscriber can cut the array out without parsing it)
  ARGV[4..n]  activities, JSON
  Returns  the new watermark (list length) | -1 unknown conversation (nothing written)
  Both keys share the {conversationId} hash tag, so this runs on Redis Cluster.
]]
local ttl = redis.call('HGET', KEYS[1], 'ttl')
if not ttl then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return -1
  end
  ttl = ARGV[1]
end
ttl = tonumber(ttl)
local n = redis.call('LLEN', KEYS[2])
for i = 4, #ARGV do
  n = redis.call('RPUSH', KEYS[2], ARGV[i])
end
redis.call('EXPIRE', KEYS[1], ttl)
if n > 0 then
  redis.call('EXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[2], ARGV[3] .. ',"watermark":' .. n .. ',"activities":[' .. table.concat(ARGV, ',', 4) .. ']}')
return n
