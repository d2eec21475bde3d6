-- every metamethod with 5.1's lookup rules
local V = {}
V.__index = V
local function new(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return new(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return new(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b) if type(b) == "number" then return new(a.x * b, a.y * b) end return a.x * b.x + a.y * b.y end
V.__div = function(a, b) return new(a.x / b, a.y / b) end
V.__mod = function(a, b) return new(a.x % b, a.y % b) end
V.__pow = function(a, b) return new(a.x ^ b, a.y ^ b) end
V.__unm = function(a) return new(-a.x, -a.y) end
V.__concat = function(a, b)
  local sa = type(a) == "table" and ("(" .. a.x .. "," .. a.y .. ")") or tostring(a)
  local sb = type(b) == "table" and ("(" .. b.x .. "," .. b.y .. ")") or tostring(b)
  return sa .. sb
end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(a) return "V(" .. a.x .. ", " .. a.y .. ")" end
V.__call = function(self, k) return self[k] end
V.__len = function() return 99 end
local a, b = new(1, 2), new(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(a * 2), tostring(b / 2), tostring(b % 2), tostring(a ^ 2), tostring(-a))
print(a .. b, a .. "!", "!" .. a, 1 .. a)
print(a == b, a == new(1, 2), a ~= new(1, 2), a < b, a <= b, a > b, a >= b)
print(a("x"), a("y"), #a)
print(rawequal(a, new(1, 2)), rawget(a, "x"))
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k) return k .. "!" end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k) rawset(t, k, v) end,
})
print(proxy.foo, proxy[1])
proxy.bar = 5
proxy.bar = 6
print(proxy.bar, table.concat(log, ";"))
local base = {greet = function(self) return "hi from " .. self.name end}
local mid = setmetatable({}, {__index = base})
local obj = setmetatable({name = "obj"}, {__index = mid})
print(obj:greet())
local chain = setmetatable({}, {__newindex = mid})
chain.z = 1
print(rawget(chain, "z"), mid.z)
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), pcall(setmetatable, prot, {}))
print(getmetatable("abc").__index == string, ("x"):rep(2))
local eq1 = setmetatable({}, {__eq = function() return true end})
local eq2 = setmetatable({}, {__eq = function() return true end})
print(eq1 == eq2, eq1 == {}, eq1 ~= eq2)
local cmp = {__lt = function(a, b) return a.v < b.v end}
local c1, c2 = setmetatable({v = 1}, cmp), setmetatable({v = 2}, cmp)
print(c1 < c2, c2 < c1, pcall(function() return c1 <= c2 end))
print(pcall(function() return a < 1 end))
local idx = setmetatable({}, {__index = {inherited = "yes"}})
print(idx.inherited, idx.missing)
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = 1
print(type(weak))
print(tostring(setmetatable({}, {__tostring = function() return "custom" end})))
local num = setmetatable({}, {__add = function(a, b) return "added" end})
print(num + 1, 1 + num, pcall(function() return num - 1 end))
local calls = setmetatable({}, {__call = function(self, a, b) return a + b, "extra" end})
print(calls(2, 3))
print(pcall(function() local z = {} return z.a.b end))
print(pcall(function() local z = setmetatable({}, {__index = function(t, k) error("no field " .. k) end}) return z.q end))
