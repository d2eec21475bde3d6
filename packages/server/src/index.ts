// @ferrous/server — the Ferrous Redis-compatible server. `createServer` runs it in-process:
//   const redis = await createServer({ port: 0 });   // any free port
//   new Redis(redis.port); …; await redis.close();
export { createServer, type ServerOptions, type ServerHandle } from './create-server';
export { parseConfigText, readConfigFile, splitArgs, ConfigFileError, type ConfigLine } from './config/config-file';
export { LoadError as ConfigLoadError } from './config/config';
export { FERROUS_VERSION, REDIS_VERSION } from './server';
