-- Token buckets, all checked and taken from in one atomic step: the request passes only if every bucket holds
-- `cost` tokens, and then each gives them. Time comes from the Redis server, so every gateway instance agrees.
-- KEYS: the buckets. ARGV[1]: cost; then per bucket: capacity, refill rate in tokens per millisecond.
-- Returns: allowed (1/0), then per bucket: tokens left (floor), ms until full, ms until `cost` tokens are there.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local cost = tonumber(ARGV[1])
local levels = {}
local allowed = 1
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i])
  local rate = tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local level = tonumber(state[1])
  local at = tonumber(state[2])
  if level == nil or at == nil then
    level = capacity
    at = now
  end
  level = math.min(capacity, level + math.max(0, now - at) * rate)
  levels[i] = level
  if level < cost then
    allowed = 0
  end
end
local result = { allowed }
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i])
  local rate = tonumber(ARGV[2 * i + 1])
  local level = levels[i]
  if allowed == 1 then
    level = level - cost
  end
  local untilFull = math.ceil((capacity - level) / rate)
  redis.call('HSET', KEYS[i], 'tokens', tostring(level), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], untilFull + 1000)
  local untilCost = 0
  if level < cost then
    untilCost = math.ceil((cost - level) / rate)
  end
  result[#result + 1] = math.floor(level)
  result[#result + 1] = untilFull
  result[#result + 1] = untilCost
end
return result
