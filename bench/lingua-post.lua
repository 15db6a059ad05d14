-- wrk script for lingua: POSTs LibreTranslate requests. Run: wrk ... -s bench/lingua-post.lua URL -- MODE
--   cached   the same short sentence every time (a cache hit after the first)
--   short    a new short sentence every time (an Apertium miss)
--   long     a new ~2 kB text every time (an Apertium miss, cut into sentences and chunks)
--   detect   a sentence to /detect
local mode = "cached"
local counter = 0
local thread_id = 0
local long_body = string.rep("The house is big and the garden is green. ", 48)

function setup(thread)
  thread_id = thread_id + 1
  thread:set("thread_id", thread_id)
end

function init(args)
  mode = args[1] or "cached"
end

local function body(q)
  return '{"q":"' .. q .. '","source":"en","target":"es"}'
end

function request()
  counter = counter + 1
  local unique = tostring(thread_id) .. "x" .. tostring(counter) .. "x" .. tostring(math.random(1, 1000000000))
  local payload
  if mode == "short" then
    payload = body("The house number " .. unique .. " is big.")
  elseif mode == "long" then
    payload = body("Report " .. unique .. ". " .. long_body)
  elseif mode == "detect" then
    payload = '{"q":"Me gustan mucho los gatos y los perros de mi vecino."}'
  else
    payload = body("Hello, my friend.")
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, payload)
end
