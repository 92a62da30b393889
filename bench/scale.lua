-- wrk: with ID_LO and ID_HI set, each request appends a random id in [ID_LO, ID_HI] to the URL's path (detail reads
-- spread over the whole table); the done() line is the same machine-readable RESULT line as report.lua
local lo = tonumber(os.getenv("ID_LO") or "")
local hi = tonumber(os.getenv("ID_HI") or "")
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

init = function(args)
  math.randomseed(os.time() * 100 + (seed or 0))
end

if lo and hi then
  request = function()
    return wrk.format(nil, wrk.path .. math.random(lo, hi))
  end
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status or 0
  io.write(string.format("RESULT rps=%.1f p50=%d p90=%d p99=%d requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(90),
    latency:percentile(99), summary.requests, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
