-- wrk: the write path. Each connection creates a draft (MEMBER, fresh Idempotency-Key), then walks it through
-- submit (MEMBER), review FILE (COMMITTEE: numbering under the session row's lock) and assignment (COMMITTEE: the
-- unit is checked in department-service) — every step one transaction with its history row and outbox event.
-- The next step of a proposal is taken from the answer's status, so no per-connection state is needed.
-- env: MEMBER_TOKEN, COMMITTEE_TOKEN, UNIT (lead unit id, default 7), FLOW (full | submit: create + submit only)
local member = "Bearer " .. (os.getenv("MEMBER_TOKEN") or "")
local committee = "Bearer " .. (os.getenv("COMMITTEE_TOKEN") or "")
local unit = os.getenv("UNIT") or "7"
local flow = os.getenv("FLOW") or "full"
local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local queue = {}
local n = 0
created, submitted, filed, assigned, failed = 0, 0, 0, 0, 0

local function json(token)
  return { ["Authorization"] = token, ["Content-Type"] = "application/json" }
end

request = function()
  local job = table.remove(queue, 1)
  if job == nil then
    n = n + 1
    local headers = json(member)
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), tid, n)
    local body = string.format('{"title":"关于优化营商环境第%d-%d号的提案","content":"近年来我省营商环境持续改善，'
      .. '但中小企业融资难、审批环节多的问题仍然存在。","category":"经济建设","suggestions":["建议精简审批事项",'
      .. '"建议完善融资担保体系"],"coProposerIds":[]}', tid, n)
    return wrk.format("POST", "/api/v1/proposals", headers, body)
  elseif job[1] == "submit" then
    return wrk.format("POST", "/api/v1/proposals/" .. job[2] .. "/submit", json(member), "")
  elseif job[1] == "file" then
    return wrk.format("POST", "/api/v1/proposals/" .. job[2] .. "/review", json(committee), '{"decision":"FILE"}')
  else
    return wrk.format("POST", "/api/v1/proposals/" .. job[2] .. "/assignment", json(committee),
      '{"mode":"LEAD","leadUnitId":"' .. unit .. '","coUnitIds":[]}')
  end
end

response = function(status, headers, body)
  if status < 200 or status >= 300 then
    failed = failed + 1
    return
  end
  local id = body:match('"id":"(%d+)"')
  local st = body:match('"status":"(%u+)"')
  if st == "DRAFT" then
    created = created + 1
    table.insert(queue, { "submit", id })
  elseif st == "SUBMITTED" then
    submitted = submitted + 1
    if flow == "full" then table.insert(queue, { "file", id }) end
  elseif st == "FILED" then
    filed = filed + 1
    table.insert(queue, { "assign", id })
  elseif st == "ASSIGNED" then
    assigned = assigned + 1
  end
end

done = function(summary, latency, requests)
  local c, s, f, a, x = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); s = s + t:get("submitted"); f = f + t:get("filed")
    a = a + t:get("assigned"); x = x + t:get("failed")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50=%d p90=%d p99=%d requests=%d non2xx=%d socket_errors=%d "
    .. "created=%d submitted=%d filed=%d assigned=%d failed=%d\n",
    summary.requests / secs, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    summary.requests, summary.errors.status or 0,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, c, s, f, a, x))
end
