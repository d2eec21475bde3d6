-- pairs visits string keys in lua5.1's hash order (constructors, assignment, growth)
local function show(t) local r = {} for k, v in pairs(t) do r[#r + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(r, " ")) end
show({a = 1, b = 2, c = 3})
show({name = "x", age = 3, city = "y", zip = 4, country = "z"})
local t = {}
for i, w in ipairs({"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"}) do t[w] = i end
show(t)
local u = {}
u.x = 1 u.y = 2 u.z = 3 u.w = 4 u.v = 5
show(u)
show({1, 2, 3, a = "A", b = "B", c = "C"})
local big = {}
for i = 1, 40 do big["key" .. i] = i end
show(big)
local mixed = {10, 20, x = 1, y = 2}
mixed.q = 3
show(mixed)
show({["with space"] = 1, ["a.b"] = 2, _under = 3, CAPS = 4})
local sub = {a = 1, b = 2, c = 3, d = 4}
sub.e = 5 sub.f = 6
show(sub)
