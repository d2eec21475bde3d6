-- string/table/math/os library behaviour that programs print
print(("%d items"):format(3), ("%5.1f|%-6s|%6s"):format(2.345, "ab", "cd"))
print(string.format("%q", 'tab\there\0nul\r\n'), string.format("%s|%s", 1.5, true and "t"))
print(string.format("%g %g %g %g", 1e15, 123456789, 0.1, 100), string.format("%.14g", 2^63))
print(string.format("%x %X %#x %o", 3735928559, 48879, 255, 511), string.format("%i", -7))
print(("abc"):byte(-1), ("abc"):byte(10), string.char(), ("ab"):rep(0))
print(("hello world from lua"):find("(o)(r)"), ("x"):find(""), ("abc"):find("b", -1), ("abc"):find("", 10))
print(("hello"):match(".-(l+)(.*)"), ("2024-01-15"):match("(%d+)-(%d+)-(%d+)"), ("  x"):match("^%s*()"))
print(("f(a,b)"):match("%((.-)%)"), ("[test]"):match("%[(.*)%]"), ("a,b,,c"):gsub(",", ";"))
print(("abc"):gsub(".", {a = 1, b = true}), ("hello"):gsub("l+", function(m) return #m end))
print(("one two"):gsub("(%w+) (%w+)", "%2 %1"), ("abc"):gsub("%w", "%%"), ("x y z"):gsub("%s", "", 1))
print(("%bxy"):len(), ("(foo(bar))baz"):match("%b()"), ("THE (quick) fox"):find("%f[%a]%a+", 5))
print(("  padded  "):match("^%s*(.-)%s*$") .. "|", ("CamelCaseString"):gsub("(%u)", " %1"))
local parts = {}
for k, v in ("a=1;b=22;c=333"):gmatch("(%a)=(%d+)") do parts[#parts + 1] = k .. ":" .. v end
print(table.concat(parts, " "))
for pos, word in ("alpha beta"):gmatch("()(%a+)") do io.write(pos, word, " ") end print()
print(#string.rep("abc", 1000), string.rep("-", 5), ("x"):rep(3, ","))
print(tostring(1e308 * 10), tostring(-1e308 * 10), math.floor(-0.5), math.ceil(-0.5))
print(math.fmod(-7, 3), math.fmod(7, -3), -7 % 3, 7 % -3, 5 % 0 ~= 5 % 0)
print(math.floor(2^31 + 0.5), math.pow(2, 10), math.exp(0), math.log(1), math.log10(1000))
print(string.format("%.4f %.4f %.4f", math.sin(1), math.cos(1), math.atan2(1, 2)))
print(math.modf(-3.7), math.frexp(8), math.ldexp(0.5, 4), math.deg(math.pi), math.rad(180))
math.randomseed(42)
local r = math.random(1, 10)
print(r >= 1 and r <= 10, math.random() < 1, pcall(math.random, 2, 1))
local t = {5, 2, 8, 1, 9, 3}
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","))
local recs = {{n = "b", v = 2}, {n = "a", v = 2}, {n = "c", v = 1}}
table.sort(recs, function(x, y) if x.v ~= y.v then return x.v < y.v end return x.n < y.n end)
for _, rec in ipairs(recs) do io.write(rec.n, rec.v, " ") end print()
local big = {}
for i = 1, 200 do big[i] = (i * 37) % 101 end
table.sort(big)
print(big[1], big[50], big[100], big[200])
local q = {}
for i = 1, 5 do table.insert(q, i) end
table.insert(q, 3, "x")
print(table.concat(q, " "), table.remove(q, 1), table.remove(q), #q)
print(table.concat({}, ","), table.concat({1}, ","), pcall(table.insert, {}, 1, 2, 3))
print(type(os.time()), type(os.clock()), os.date("%Y", 0) ~= nil, os.time({year = 2020, month = 1, day = 1, hour = 0}) ~= nil)
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!*t", 3600).hour)
print(tostring(print):match("^builtin") or tostring(print):match("^function"))
print(select("#", unpack({1, nil, 3})), unpack({}, 1, 2))
print(next({}, nil), rawlen == nil, _VERSION)
