-- coroutines: resume/yield/status/wrap/running, errors, boundaries
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got2", d, e)
  return "done", 99
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co), coroutine.resume(co))
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = 0
for v in gen(10) do s = s + v end
print(s)
local function deep(n) if n == 0 then coroutine.yield("bottom") return "up" end return deep(n - 1) end
local dc = coroutine.create(function() return deep(50) end)
print(coroutine.resume(dc))
print(coroutine.resume(dc))
local ec = coroutine.create(function() error("inside") end)
print(coroutine.resume(ec))
print(coroutine.status(ec))
local ec2 = coroutine.create(function() error({code = 1}) end)
local ok, e = coroutine.resume(ec2)
print(ok, type(e), e.code)
print(coroutine.running())
local inner, outer
outer = coroutine.create(function()
  print(coroutine.status(outer))
  inner = coroutine.create(function() print("outer is", coroutine.status(outer)) coroutine.yield() end)
  coroutine.resume(inner)
  coroutine.yield()
end)
coroutine.resume(outer)
print(coroutine.status(outer), coroutine.status(inner))
print(coroutine.resume(coroutine.create(function() return pcall(coroutine.yield, 1) end)))
local mc = coroutine.create(function()
  local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
  return t.foo
end)
print(coroutine.resume(mc))
print(pcall(coroutine.yield, 1))
local w = coroutine.wrap(function() error("wrapped error") end)
print(pcall(w))
local w2 = coroutine.wrap(function() return 1 end)
w2()
print(pcall(w2))
print(select("#", coroutine.resume(coroutine.create(function() end))))
local self_co
self_co = coroutine.create(function() return coroutine.resume(self_co) end)
print(coroutine.resume(self_co))
local prod = coroutine.wrap(function()
  for _, w in ipairs({"a", "b", "c"}) do coroutine.yield(w) end
  return nil
end)
local out = {}
while true do local v = prod() if not v then break end out[#out + 1] = v end
print(table.concat(out))
local pingpong = coroutine.create(function(x)
  while true do x = coroutine.yield(x * 2) end
end)
local acc = 0
for i = 1, 100 do local _, r = coroutine.resume(pingpong, i) acc = acc + r end
print(acc)
