-- numbers, coercion, comparison, tostring, table keys, length, multiple assignment
print(1/2, 10/2, 3 == 3.0, 1e15, 1e16, 123456789012, 0.1 + 0.2, -0.0, 1e300 * 1e10, 2^53 + 1)
print(100000000000000, 1e14, 12345678901234567890, 3.14159265358979, -1.5e-7, 255 / 256)
print("10" + 5, "3" * "4", 10 .. 20, "0x10" + 0, " 5 " * 2, "1e2" + 0)
print(pcall(function() return "abc" + 1 end))
print(1 == "1", "a" < "b", "a" < "B", "abc" < "abd", "" < "a", "Z" < "a")
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
print(tostring(12), tostring(12.5), tostring(-0.5), tostring(true), tostring(nil))
print(tonumber("12"), tonumber("12.5e1"), tonumber("abc"), tonumber(""), tonumber("0x1p4"), tonumber("  0x1F  "))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("12", 2), tonumber("1010", 2))
local t = {}
t[1.0] = "one"; t[2] = "two"; t["1"] = "string one"
print(t[1], t[2.0], t["1"], #t)
t[1.5] = "float"
print(t[1.5], #t)
local u = {10, 20, 30, nil, 50}
print(#u, u[5])
local v = {}
for i = 1, 10 do v[i] = i end
v[10] = nil
print(#v)
v[5] = nil
print(v[4], v[5], v[6])
local a, b, c = 1, 2
print(a, b, c)
a, b = b, a
print(a, b)
local x, y = (function() return 1, 2, 3 end)()
print(x, y)
local p = {(function() return 1, 2, 3 end)(), (function() return 1, 2, 3 end)()}
print(#p, p[1], p[2], p[4])
print((select(2, "a", "b", "c")))
local i = 1
local arr = {}
i, arr[i] = i + 1, 20
print(i, arr[1], arr[2])
print(math.floor(3.7), math.ceil(3.2), math.abs(-4), math.max(1, 5, 3), math.min(2, -1), math.fmod(7, 3))
print(math.sqrt(16), math.huge, -math.huge, math.floor(-3.5), math.modf(3.75))
print(string.format("%d %5d %-5d| %05d %x %X %o %e %g %g", 42, 42, 42, 42, 255, 255, 8, 12345.678, 0.0001, 1e20))
print(string.format("%s %10s %-10s| %q %c%c %%", "str", "right", "left", "q\"uote\n", 72, 105))
print(string.format("%.3f %.0f %5.1f %+d % d", 3.14159, 2.5, 9.96, 5, 5))
print(#{n = 1}, #"", #{{}, {}})
print(rawequal(t, t), rawequal(1, 1.0), rawget(t, 1), rawlen)
print(next({}), type(next({1})))
print(select("#"), select("#", nil, nil), select(-1, 1, 2, 3))
print(unpack({1, 2, 3}), unpack({1, 2, 3}, 2), unpack({1, 2, 3}, 2, 3))
print(string.byte("ABC", 1, -1), string.char(72, 105), string.len("abc"))
print(("hello"):find("l"), ("hello"):find("xyz"), ("hello"):find("l", 1, true), ("a.b"):find(".", 1, true))
print(string.rep("ab", 3), ("abc"):reverse(), ("MiXeD"):lower(), ("MiXeD"):upper())
print(("  trim  "):match("^%s*(.-)%s*$"), ("key=value"):match("(%w+)=(%w+)"))
print(string.gsub("hello world", "o", "0"), string.gsub("abc", "%w", "%0%0"), string.gsub("abc", "", "-"))
print(string.gsub("hello world", "(%w+)", "<%1>"), string.gsub("abc", "b", {b = "B"}), string.gsub("abc", ".", function(c) return c:upper() end))
for w in string.gmatch("one two three", "%a+") do io.write(w, ",") end print()
for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do io.write(k, "->", v, ";") end print()
print(string.sub("hello", 2), string.sub("hello", -3), string.sub("hello", 2, -2), string.sub("hello", 10), string.sub("hello", 0))
print(table.concat({1, 2, 3}), table.concat({"a", "b"}, ", "), table.concat({1, 2, 3, 4}, "-", 2, 3))
local tt = {3, 1, 4, 1, 5, 9, 2, 6}
table.sort(tt) print(table.concat(tt, " "))
table.sort(tt, function(m, n) return m > n end) print(table.concat(tt, " "))
local ins = {}
table.insert(ins, "a") table.insert(ins, 1, "b") table.insert(ins, 2, "c")
print(table.concat(ins, ","), table.remove(ins), table.remove(ins, 1), table.concat(ins, ","))
print(table.maxn({1, 2, [10] = 3}), #ins)
local words = {"banana", "apple", "Cherry", "date"}
table.sort(words) print(table.concat(words, " "))
