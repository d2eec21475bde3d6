-- lexer and parser: literals, escapes, long strings, precedence, sugar, syntax errors
print(0x10, 0xff, 1e2, .5, 3., 2E-3, 0x7fffffff)
print("a\tb\\c\"d\'e", 'x\65\066\0067y', "\97\98c", #"\0\1\2")
print([[long
string]], [==[with ]] inside]==], #[[
skipfirst]])
--[[ block
comment ]] print("after block comment")
--[==[ level
]==] print("after level comment")
print(2^3^2, -2^2, not nil == true, 1 .. 2 .. 3, "a" .. "b" == "ab")
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2)
print(1 < 2 and 2 < 3, nil or false, false or nil, nil and 1, 1 and nil, 0 and "zero")
print(#"abc" + 1, -(-3), not not 1)
local t = {1, 2, 3; n = 3, ["key with space"] = true, [10] = "ten", }
print(t[1], t.n, t["key with space"], t[10], #t)
local s = "hello"
print(s:upper(), s:sub(2, 3), ("x"):rep(3), #s)
local function f(...) return select('#', ...), ... end
print(f(), f(nil), f(1, nil, nil))
print(type(f{1}), type(f"str"), f"str")
local obj = {v = 5}
function obj:get(d) return self.v + (d or 0) end
function obj.static(x) return x * 2 end
print(obj:get(), obj:get(1), obj.static(4))
local a = {b = {c = {}}}
function a.b.c:m() return "deep method" end
print(a.b.c:m())
local errs = {
  "x = ", "local 1 = 2", "x = 1 +", "for i = 1 do end", "if x then", "f(", "x = }",
  "local t = {1, 2", "return return", "x = 'unfinished", "x = [[unfinished", "a.b:c = 1",
  "x = 1 2", "local function end", "break", "function f(a, 1) end", "x = ...",
  "function f() return ... end", "(f)\n(g)", "x = 3x", "--[[ unfinished", "x = '\\300'",
  "goto = 1", "local x <const> = 1", "x = #", "while true do", "repeat x = 1", "x = a..",
  "f() = 1", "x, y() = 1, 2", "print('a' 'b')", "return 1,", "t = {[1] 2}", "x = 0x",
}
for _, src in ipairs(errs) do
  local fn, err = loadstring(src)
  print(type(fn), err)
end
print(loadstring("return 1 + 1")())
print(loadstring("syntax error here", "=mychunk"))
print(loadstring("x = = 1", "@file.lua"))
