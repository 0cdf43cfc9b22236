-- wrk script: GET the URL given to wrk, signed in with a session cookie (FD_SESSION), counting
-- answers other than 200.
--   FD_SESSION=... wrk -s bench/wrk/get_with_session.lua http://127.0.0.1:PORT/api/v1/contacts/1
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failed = 0
  wrk.headers["Cookie"] = "fd_session=" .. os.getenv("FD_SESSION")
end

function response(status, headers, body)
  if status ~= 200 then
    if failed == 0 then io.stderr:write("get_with_session.lua: status " .. status .. ": " .. body .. "\n") end
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("failed: %d\n", f))
end
