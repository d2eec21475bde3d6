-- small complete programs: classes, queues, serialisation, memoisation, string building
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof") return setmetatable(d, Dog) end
function Dog:fetch() return self.name .. " fetches" end
local d = Dog.new("Rex")
print(d:speak(), d:fetch(), getmetatable(d) == Dog)

local function serialize(v, indent)
  indent = indent or ""
  if type(v) == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local out = {"{\n"}
    for _, k in ipairs(keys) do
      out[#out + 1] = indent .. "  [" .. (type(k) == "string" and string.format("%q", k) or tostring(k)) .. "] = " .. serialize(v[k], indent .. "  ") .. ",\n"
    end
    out[#out + 1] = indent .. "}"
    return table.concat(out)
  end
  return type(v) == "string" and string.format("%q", v) or tostring(v)
end
print(serialize({1, 2, {x = "y", [true] = false}, name = "n\"q", pi = 3.14}))

local memo = setmetatable({}, {__mode = "k"})
local function fib(n) if n < 2 then return n end if memo[n] then return memo[n] end local r = fib(n - 1) + fib(n - 2) memo[n] = r return r end
print(fib(80), fib(30))

local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({first = 1, last = 0, items = {}}, Queue) end
function Queue:push(v) self.last = self.last + 1 self.items[self.last] = v end
function Queue:pop() local v = self.items[self.first] self.items[self.first] = nil self.first = self.first + 1 return v end
function Queue:size() return self.last - self.first + 1 end
local qq = Queue.new()
for i = 1, 10 do qq:push(i * i) end
local popped = {}
while qq:size() > 3 do popped[#popped + 1] = qq:pop() end
print(table.concat(popped, ","), qq:size())

local words = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local list = {}
for w, c in pairs(words) do list[#list + 1] = {w, c} end
table.sort(list, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
for i = 1, 4 do io.write(list[i][1], "=", list[i][2], " ") end print()

local function range(n)
  local i = 0
  return function() i = i + 1 if i <= n then return i end end
end
local sum = 0
for v in range(100) do sum = sum + v end
print(sum)

local function map(f, t) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(p, t) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local function reduce(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
local nums = {}
for i = 1, 20 do nums[i] = i end
print(reduce(function(a, b) return a + b end, 0, map(function(x) return x * x end, filter(function(x) return x % 2 == 0 end, nums))))

local sb = {}
for i = 1, 5 do sb[#sb + 1] = string.format("[%02d:%s]", i, string.rep("*", i)) end
print(table.concat(sb, ""))

local matrix = {}
for i = 1, 3 do matrix[i] = {} for j = 1, 3 do matrix[i][j] = i * j end end
local rows = {}
for i = 1, 3 do rows[i] = table.concat(matrix[i], " ") end
print(table.concat(rows, " | "))

local ok, err = pcall(function()
  local acct = setmetatable({balance = 100}, {__index = function(t, k) error("no such field: " .. k, 2) end})
  return acct.balance + acct.missing
end)
print(ok, err)

local gen = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a) a, b = b, a + b end
end)
local fibs = {}
for i = 1, 15 do fibs[i] = gen() end
print(table.concat(fibs, " "))
print(string.format("%5.2f%%", 45.678), #arg, arg[0] ~= nil)
