-- weak tables, __gc and collectgarbage (the 5.1 test-suite idioms)
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local keep = {}
local wk = setmetatable({}, {__mode = "k"})
wk[{}] = 1; wk[keep] = 2; wk.name = {}; wk[1] = function() end
for i = 1, 50 do wk[{}] = i end
collectgarbage()
print("k", count(wk), wk[keep], type(wk.name), type(wk[1]))
local wv = setmetatable({}, {__mode = "v"})
wv[1] = {}; wv[2] = keep; wv.x = {}; wv.s = "str"; wv.n = 42; wv[keep] = {}; wv.f = function() end
for i = 10, 60 do wv[i] = {} end
collectgarbage()
print("v", count(wv), wv[2] == keep, wv.x, wv.s, wv.n, wv[keep], wv.f)
local wkv = setmetatable({}, {__mode = "kv"})
wkv[keep] = {}; wkv[{}] = keep; wkv.a = keep; wkv.b = {}; wkv[keep] = keep
collectgarbage()
print("kv", count(wkv), wkv[keep] == keep, wkv.a == keep, wkv.b)
-- strings, numbers and booleans are never removed
local ws = setmetatable({}, {__mode = "kv"})
ws.a = "x"; ws[1] = 2; ws[true] = false; ws[3.5] = "y"
collectgarbage()
print("values", count(ws), ws.a, ws[1], ws[true], ws[3.5])
-- reads and writes of a weak table behave like a plain table's
local cache = setmetatable({}, {__mode = "v", __index = function(t, k) return "miss " .. k end})
cache.a = keep; cache[1] = keep
print(cache.a == keep, cache[1] == keep, cache.b, #cache, rawget(cache, "b"))
cache.a = nil; print(cache.a, next(cache) ~= nil)
local arr = setmetatable({}, {__mode = "k"})
for i = 1, 10 do arr[i] = i * i end
print(#arr, arr[10], select("#", unpack(arr)), table.concat(arr, ","))
table.insert(arr, 121); table.remove(arr, 1); print(#arr, arr[1], arr[10])
-- traversal with removal
for k in pairs(arr) do arr[k] = nil end
print("cleared", next(arr))
-- switching a table to weak and back keeps its entries
local t = {1, 2, x = keep, [keep] = 3}
setmetatable(t, {__mode = "k"}); print(t[1], t.x == keep, t[keep])
setmetatable(t, nil); print(t[1], t.x == keep, t[keep], #t)
-- __gc on userdata
local log = {}
local u = newproxy(true)
getmetatable(u).__gc = function(p) log[#log + 1] = "gc " .. type(p) end
local v = newproxy(u)
print(getmetatable(u) == getmetatable(v), type(u), pcall(newproxy, {}))
u, v = nil, nil
collectgarbage()
print(table.concat(log, ","))
local order = {}
local function make(i)
  local p = newproxy(true)
  getmetatable(p).__gc = function() order[#order + 1] = i end
end
for i = 1, 3 do make(i) end
collectgarbage()
print("order", table.concat(order, " "))
-- collectgarbage options and results
local kb = gcinfo()
print(type(collectgarbage("count")), collectgarbage("count") > 0, math.floor(kb) == kb)
print(collectgarbage(), collectgarbage("collect"), collectgarbage("stop"), collectgarbage("restart"))
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200), collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(type(collectgarbage("step")), pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, "setpause", "x"))
print(select("#", collectgarbage()), newproxy() ~= nil, getmetatable(newproxy()), type(newproxy(false)))
