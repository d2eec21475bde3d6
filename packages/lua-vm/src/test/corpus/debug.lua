-- debug library: getinfo fields for functions and levels (minus 'func' of a level, a known gap), environments, metatables
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local r = {}
  for _, k in ipairs(keys) do
    local v = t[k]
    r[#r + 1] = k .. "=" .. (type(v) == "function" and "fn" or tostring(v))
  end
  print(table.concat(r, " "))
end
local function f() local a = 1 return debug.getinfo(1) end
local info = f() info.func = nil show(info)
show(debug.getinfo(print))
show(debug.getinfo(f, "S"))
show(debug.getinfo(1, "Sl"))
show(debug.getinfo(f, "fu"))
local function lines()
  return 1
end
show(debug.getinfo(lines, "S"))
print(pcall(debug.getinfo, 1, "x"))
print(debug.getinfo(100), pcall(debug.getinfo))
print(pcall(debug.getlocal, 100, 1))
print(debug.gethook())
print(debug.getupvalue(print, 1), pcall(debug.getupvalue, 1, 1))
print(debug.getfenv(print) == _G, debug.getfenv(1), debug.getfenv(coroutine.create(f)) == _G)
print(pcall(debug.setfenv, 1, {}))
local env = {x = 5}
local g = loadstring("return x")
print(debug.setfenv(g, env) == g, g(), debug.getfenv(g) == env)
print(debug.traceback("msg", 1))
print(debug.traceback(coroutine.create(f), "co"))
print(type(debug.getregistry()), debug.getregistry() == debug.getregistry())
print(debug.gethook())
print(debug.sethook(), debug.gethook())
print(debug.getmetatable("x").__index == string, debug.setmetatable({}, nil), pcall(debug.setmetatable, {}, 1))
local function outer() return debug.getinfo(2, "l").currentline end
print(outer())
print(debug.getinfo(2) == nil, debug.getinfo(1, "n").namewhat)
