-- wrk walks the paths listed in a file, one per line, each thread taking every
-- n-th path so that no two requests of a run ask for the same page (until the list
-- runs out and starts again). With a second argument, each thread stops after that
-- many answers: `wrk ... -s walk.lua URL -- paths.txt [answers]`.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
  for _, t in ipairs(threads) do
    t:set("count", counter)
  end
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  limit = tonumber(args[2] or "0") or 0
  index = id
  answers = 0
end

function request()
  local path = paths[(index % #paths) + 1]
  index = index + count
  return wrk.format(nil, path)
end

function response(status, headers, body)
  answers = answers + 1
  if limit > 0 and answers >= limit then
    wrk.thread:stop()
  end
end
