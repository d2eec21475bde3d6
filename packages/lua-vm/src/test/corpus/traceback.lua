-- debug.traceback frames: named, anonymous, coroutine stacks, xpcall handlers, natives
local function lvl3() print(debug.traceback("msg", 1)) end
local t = {}
function t.method() lvl3() end
local anon = function() t.method() end
anon()
print(pcall(function() print(debug.traceback()) end))
local co = coroutine.create(function() print(debug.traceback("in co")) end)
coroutine.resume(co)
print(xpcall(function() error("E") end, debug.traceback))
table.sort({3, 2, 1}, function(a, b) if a == 1 and b == 2 then print(debug.traceback()) end return a < b end)
