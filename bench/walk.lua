-- wrk walks the paths listed in a file, one per line, each thread taking every
-- n-th path so that no two requests of a run ask for the same page (until the list
-- runs out and starts again), from an offset into the list if one is given:
-- `wrk ... -s walk.lua URL -- paths.txt [offset]`.
local counter = 0
local threads = {}

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
  index = id + (tonumber(args[2] or "0") or 0)
end

function request()
  local path = paths[(index % #paths) + 1]
  index = index + count
  return wrk.format(nil, path)
end
