--[[
  Append activities to a web chat conversation and refresh its retention.
  KEYS[1]  conversation meta hash   <prefix>dl:{<conversationId>}:meta
  KEYS[2]  activity list            <prefix>dl:{<conversationId>}:acts
  KEYS[3]  client ids hash          <prefix>dl:{<conversationId>}:cids (see dlClient-2.lua)
  ARGV[1]  TTL seconds for a conversation whose meta has none (created before the meta kept its retention)…
  ARGV[2]  …and '1' when ARGV[1] is its territory's (then kept in the meta), '0' when it is only the default
  ARGV[3]  pub/sub channel of the announcements
  ARGV[4]  the announcement's JSON up to its last known field, without the closing brace:
           {"conversationId":"…","kind":"activities","count":N
           the script completes it with ,"watermark":<new length>,"activities":<JSON array of ARGV 7..n>}
           so the instance holding the citizen's socket pushes them without reading the list back
           ("activities" last: a subscriber can cut the array out without parsing it)
  ARGV[5]  the client's id of the message these activities answer ('' none): marked handled…
  ARGV[6]  …with this activity id, in the same step as the activities are stored
  ARGV[7..n]  activities, JSON
  Returns  the new watermark (list length) | -1 unknown conversation (nothing written)
  The keys share the {conversationId} hash tag, so this runs on Redis Cluster.
]]
local ttl = redis.call('HGET', KEYS[1], 'ttl')
if not ttl then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return -1
  end
  ttl = ARGV[1]
  if ARGV[2] == '1' then
    redis.call('HSET', KEYS[1], 'ttl', ttl)
  end
end
ttl = tonumber(ttl)
local n = redis.call('LLEN', KEYS[2])
for i = 7, #ARGV do
  n = redis.call('RPUSH', KEYS[2], ARGV[i])
end
redis.call('EXPIRE', KEYS[1], ttl)
if n > 0 then
  redis.call('EXPIRE', KEYS[2], ttl)
end
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[5], 'd:' .. ARGV[6])
  redis.call('EXPIRE', KEYS[3], ttl)
end
redis.call('PUBLISH', ARGV[3], ARGV[4] .. ',"watermark":' .. n .. ',"activities":[' .. table.concat(ARGV, ',', 7) .. ']}')
return n
