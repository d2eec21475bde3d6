-- assorted semantics: adjustments, varargs, -0 literals, loops, pairs over holes
local function mr() return 1, 2, 3 end
local t = {mr(), mr(), 10}
print(#t, t[1], t[2], t[3])
local t2 = {mr(), (mr())}
print(#t2)
local function v(...) return {..., 'end'}, {'start', ...} end
local a, b = v(1, 2)
print(#a, a[1], a[2], #b, b[4])
print("a\0b" < "a\0c", #"a\0b", ("a\0b"):byte(2))
local s = 0
for i = 0.1, 1, 0.1 do s = s + 1 end
print(s)
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    io.write(i, j, " ")
  end
end
print()
local k = 0
repeat local done = k > 2; k = k + 1 until done
print(k)
local x = 5
do local x = x + 1; print(x) end
print(x)
print(math.max(-0, 0), 0 == -0, 1/-0, -0 .. "")
local big = {}
big[2^40] = "big"
print(big[2^40], big[1099511627776])
local nested = {{{{1}}}}
print(nested[1][1][1][1])
print(type(nil), type(print), type({}), type("s"), type(2), type(true), type(coroutine.create(function() end)))
print(string.format("%-5d|%5.2s|", 3, "abc"))
print(#arg, ...)
local f = function(...) local n = select('#', ...) return n end
print(f(nil, nil, nil), f())
print(tostring(1e15), tostring(1e14), tostring(123456789012345), tostring(0.1), 1/3)
print(2^63 == 2^63 + 1, math.floor(1e100) == 1e100, 7 / 0, -7 / 0, 0 / 0 ~= 0 / 0)
local obj = setmetatable({}, {__index = function(t, k) return k * 2 end})
print(obj[21], rawget(obj, 21))
local cnt = 0
for k, v in pairs({a = 1, b = 2, c = 3, 1, 2, 3}) do cnt = cnt + v end
print(cnt)
local arr = {}
for i = 1, 100 do arr[i] = i end
for i = 1, 100, 2 do arr[i] = nil end
local c2 = 0
for k in pairs(arr) do c2 = c2 + 1 end
print(c2)
local tt = {}
tt.a = 1; tt.b = 2; tt.a = nil
for k, v in pairs(tt) do print(k, v) end
print(next(tt))
local q = {n = 0}
function q:add(x) self.n = self.n + x return self end
print(q:add(1):add(2):add(3).n)
print(("abc"):upper():lower():len())
goto_ = 1 print(goto_)
local longs = [[
line1
line2]]
print(longs, #longs)
print(#{...}, select('#', ...))
local z = 0 print(0/0, -(0/0), math.huge - math.huge, tostring(0/0), z/z, -(z/z), 0%0, tonumber("nan"), 0/0 ~= 0/0)
