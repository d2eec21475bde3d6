#!/usr/bin/env node
// ferrous-server: parses argv and redis.conf, then runs @ferrous/server. Nothing else lives here.
import { readFileSync } from 'node:fs';
import { ConfigFileError, ConfigLoadError, createServer, FERROUS_VERSION, REDIS_VERSION } from '@ferrous/server';
import { parseCommandLine, USAGE } from './argv';

function fatalConfig(e: ConfigLoadError | ConfigFileError): never {
  const line = e.line;
  process.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Ferrous ${FERROUS_VERSION}) ***\n`);
  if (line) {
    process.stderr.write(`Reading the configuration file, at line ${line.lineNo}\n`);
    process.stderr.write(`>>> '${line.text}'\n`);
  }
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const cli = parseCommandLine(process.argv.slice(2));
  if (cli.action === 'version') {
    process.stdout.write(`Ferrous server v=${FERROUS_VERSION} redis-compat=${REDIS_VERSION} node=${process.versions.node} bits=64\n`);
    return;
  }
  if (cli.action === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let configText = cli.configText;
  let configFile = cli.configFile;
  if (configFile === '-') {
    configText = readFileSync(0, 'latin1') + '\n' + configText;
    configFile = undefined;
  }
  let server;
  try {
    server = await createServer({ configFile, configText, log: true, onShutdown: () => process.exit(0) });
  } catch (e) {
    if (e instanceof ConfigLoadError || e instanceof ConfigFileError) fatalConfig(e);
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  let signalled = false;
  const onSignal = (name: string) => {
    if (signalled) {
      process.stderr.write('You insist... exiting now.\n');
      process.exit(1);
    }
    signalled = true;
    process.stdout.write(`Received ${name} scheduling shutdown...\n`);
    void server.shutdown();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

void main();
