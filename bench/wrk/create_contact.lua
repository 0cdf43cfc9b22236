-- wrk script: POST /api/v1/contacts with a body that differs on every request (the concern carries
-- the node, the wrk thread and a counter), signed in with a session cookie and its CSRF
-- token, so each request is one write transaction (a bearer token would add the token-use audit).
--   FD_SESSION=... FD_CSRF=... wrk -s bench/wrk/create_contact.lua http://127.0.0.1:PORT
-- Several nodes: one wrk per node (FD_NODE tells their bodies apart). Counts the 201s; anything
-- else is printed once and counted as failed.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  node = os.getenv("FD_NODE") or "1"
  created = 0
  failed = 0
  headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "fd_session=" .. os.getenv("FD_SESSION"),
    ["X-CSRF-Token"] = os.getenv("FD_CSRF"),
  }
end

-- Each contact is about a child of its own (a surname made of letters from the node, the thread
-- and the counter), as at a real front door: were every contact about the read benchmark's child,
-- each read would list tens of thousands of "other contacts about this child" (KCR-10).
local template = '{"referrer":{"type":"school","name":"Priya Shah","role":"Designated safeguarding lead",' ..
  '"agency":"Riverside Primary","phone":"01632 960 001","email":"dsl@riverside.example.sch.uk"},' ..
  '"children":[{"first_names":"Mia","last_name":"Ex%s","date_of_birth":"2017-05-14","gender":"female",' ..
  '"address":"%d Orchard Way","school":"Riverside Primary"}],' ..
  '"concern":"Arrived hungry three days running (bench contact %s-%d-%d)."}'

local function letters(n)
  local s = ""
  repeat
    s = string.char(97 + n % 26) .. s
    n = math.floor(n / 26)
  until n == 0
  return s
end

function request()
  counter = counter + 1
  local surname = letters(tonumber(node) or 1) .. letters(id) .. letters(counter)
  local body = string.format(template, surname, counter % 200 + 1, node, id, counter)
  return wrk.format("POST", "/api/v1/contacts", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    if failed == 0 then io.stderr:write("create_contact.lua: status " .. status .. ": " .. body .. "\n") end
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local c, f = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    f = f + t:get("failed")
  end
  io.write(string.format("created: %d\nfailed: %d\n", c, f))
end
