// The extra Lua libraries Redis loads into its scripting environment (`bit` comes from lua-vm).
export { openCjson, CJSON_NULL } from './cjson';
export { openCmsgpack } from './cmsgpack';
export { openStruct } from './struct';
