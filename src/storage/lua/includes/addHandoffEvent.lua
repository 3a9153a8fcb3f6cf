--[[
  Append one event to a territory's handoff stream (KEYS of the `handoffEvents` family), capped near the
  10000 most recent entries (consoles, notifiers and other instances read recent ones; `pasapas purge`
  trims by age). Every handoff transition emits exactly one event through this function.
  stream: the events key  ...: field, value pairs
]]
local function addHandoffEvent(stream, ...)
  return redis.call('XADD', stream, 'MAXLEN', '~', '10000', '*', ...)
end
