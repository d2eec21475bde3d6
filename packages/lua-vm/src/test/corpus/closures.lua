-- closures, upvalues, varargs, tail calls, recursion, environments
local function counter()
  local n = 0
  return function() n = n + 1 return n end, function() return n end
end
local inc, get = counter()
inc() inc()
print(get(), inc(), get())
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local fns2 = {}
local j = 1
while j <= 3 do local k = j fns2[j] = function() return k end j = j + 1 end
print(fns2[1](), fns2[2](), fns2[3]())
local shared
do local x = 10 shared = {function() x = x + 1 return x end, function() return x end} end
print(shared[1](), shared[2](), shared[1](), shared[2]())
local function va(...)
  local a, b = ...
  local t = {...}
  return select("#", ...), a, b, #t, (...)
end
print(va(1, 2, 3))
print(va())
print(va(nil, nil))
local function pass(...) return ... end
print(pass(1, nil, 3))
print((pass(1, 2, 3)))
print(pass(1, 2), pass(3, 4))
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
print(loop(200000, 0))
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001), odd(100001))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(20), fact(25))
local ok, err = pcall(function() local function r() return 1 + r() end return r() end)
print(ok, err)
x_global = "g"
local function envtest() return x_global end
print(envtest())
setfenv(envtest, {x_global = "from env"})
print(envtest(), x_global)
local newenv = setmetatable({}, {__index = _G})
local function usesenv() setfenv(1, newenv) y_global = 5 return y_global end
print(usesenv(), y_global, newenv.y_global)
print(getfenv(print) == _G, getfenv(0) == _G, type(getfenv(1)))
local mt_env = loadstring("return a_var")
setfenv(mt_env, {a_var = 42})
print(mt_env())
local results = {}
for k, v in pairs({a = 1}) do results[#results + 1] = k .. v end
for i, v in ipairs({"x", "y"}) do results[#results + 1] = i .. v end
print(table.concat(results, " "))
local function iter(s, c) if c < s then return c + 1, c * 2 end end
for a, b in iter, 3, 0 do io.write(a, ":", b, " ") end print()
for i = 10, 1, -3 do io.write(i, " ") end print()
for i = 1, 2, 0.5 do io.write(i, " ") end print()
for i = 1, 0 do print("never") end
for i = "1", "2" do io.write(i, " ") end print()
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = nil, 2 do end end))
local n = 0
repeat local m = n n = n + 1 until m >= 3
print(n)
for i = 1, 3 do
  local i = i * 10
  io.write(i, " ")
end
print()
local t = {}
for i = 1, 5 do t[i] = i end
for i, v in ipairs(t) do if v == 3 then break end io.write(v, " ") end print()
print(string.format("%s", 1e100), tostring(2^63), 2^31, -2^31)
