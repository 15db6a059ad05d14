-- wrk script of bench/payments.sh: delivers the pre-signed Stripe events of the file given after "--"
-- (one per line, "signature TAB payload"), each once, in order; past the end it starts again (duplicates).
local requests = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    local signature, body = line:match("^([^\t]+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", ["Stripe-Signature"] = signature }, body)
  end
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
