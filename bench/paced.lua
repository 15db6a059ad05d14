-- wrk script: paces requests so that all connections together send about RATE requests per second.
-- Run with one thread: wrk -t1 -cCONNECTIONS -s bench/paced.lua URL -- RATE CONNECTIONS [TOKEN]
-- Each connection waits CONNECTIONS/RATE seconds before each request (after the previous answer), so the
-- achieved rate is a little under RATE when answers are slow; wrk prints what it achieved.
local interval = 1
local token = nil

function init(args)
  local rate = tonumber(args[1])
  local connections = tonumber(args[2])
  interval = math.max(1, math.floor(connections * 1000 / rate))
  token = args[3]
end

function request()
  if token then
    return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
  end
  return wrk.format("GET")
end

function delay()
  return interval
end
