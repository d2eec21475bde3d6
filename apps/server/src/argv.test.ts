import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './argv';

describe('parseCommandLine', () => {
  it('takes a config file then --name value options as config lines', () => {
    expect(parseCommandLine(['/etc/redis.conf', '--port', '6380', '--save', '', '--bind', '127.0.0.1', '::1'])).toEqual({
      action: 'start',
      configFile: '/etc/redis.conf',
      configText: 'port 6380\nsave ""\nbind 127.0.0.1 ::1',
    });
  });

  it('works without a config file and quotes values with spaces or quotes', () => {
    expect(parseCommandLine(['--requirepass', 'a b"c', '--loglevel', 'verbose'])).toEqual({
      action: 'start',
      configFile: undefined,
      configText: 'requirepass "a b\\"c"\nloglevel verbose',
    });
  });

  it('recognises version and help', () => {
    expect(parseCommandLine(['-v']).action).toBe('version');
    expect(parseCommandLine(['--help']).action).toBe('help');
  });
});
