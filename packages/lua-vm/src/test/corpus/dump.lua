-- string.dump and loading its output back
local function add(a, b) return a + b end
local g = loadstring(string.dump(add))
print(g(2, 3), type(string.dump(add)), string.dump(add):sub(1, 4) == "\27Lua")
local obj = {}
function obj:m(x) return self, x end
local m = loadstring(string.dump(obj.m))
print(select(2, m(1, 2)))
local v = loadstring(string.dump(function(...) return select('#', ...), ... end))
print(v(1, nil, 3))
local f1, f2 = function() return 1 end, function() return 2 end
print(loadstring(string.dump(f1))(), loadstring(string.dump(f2))())
local nested = function(n) if n > 0 then for i = 1, n do end end repeat n = n - 1 until n < 0 local s = "end" --[[ end ]] return s .. n end
print(loadstring(string.dump(nested))(2))
local e = loadstring(string.dump(function() error("boom") end))
print(pcall(e))
print(pcall(string.dump, print))
print(pcall(string.dump))
local main = loadstring("return 1 + ...")
print(loadstring(string.dump(main))(41))
local up = 10
local u = loadstring(string.dump(function() return up end))
print(u())
local co = coroutine.wrap(function()
  local inner = function(x) return x * 3 end
  coroutine.yield(loadstring(string.dump(inner))(5))
end)
print(co())
local twice = loadstring(string.dump(loadstring(string.dump(add))))
print(twice(20, 22))
local src = loadstring("local a = ...\nreturn function(b)\n  return b .. '!'\nend")
local inner = src(1)
print(loadstring(string.dump(inner))("x"), pcall(string.dump, {}))
