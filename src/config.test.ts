import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      database: { kind: 'sqlite', file: './data/waybill.db', synchronous: 'NORMAL', cacheMib: 64 },
      adminKey: null,
      workerEnabled: true,
      production: false,
      logLevel: 'info',
      requestLogging: false,
      rateLimitPerMinute: 6000,
      bodyLimitBytes: 1_048_576,
      maxOrderLines: 500,
      shippingFee: 0,
      taxRateBps: 0,
    });
    expect(Object.isFrozen(config)).toBe(true);
    // Empty strings count as unset, as in `PORT= waybill serve`.
    expect(loadConfig({ PORT: '', DATABASE_URL: '', WAYBILL_WORKER: '' })).toMatchObject({ port: 3000, workerEnabled: true });
  });

  it('reads the documented variables', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: ' 8080 ',
      DATABASE_URL: 'postgres://u:p@db:5432/waybill',
      WAYBILL_PG_POOL_SIZE: '20',
      // Production mode wants a strong key, and the sim's key or no sim (config-production.ts).
      WAYBILL_ADMIN_KEY: 'Kp7vQ2xL9mR4tW8zB3nF6hJ1cY5dG0sA',
      WAYBILL_SIM: 'off',
      WAYBILL_WORKER: 'OFF',
      WAYBILL_REQUEST_LOGS: 'yes',
      WAYBILL_RATE_LIMIT_PER_MINUTE: '0',
      WAYBILL_BODY_LIMIT_BYTES: '4096',
      WAYBILL_PUBLIC_URL: 'https://shop.example.com/',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      publicUrl: 'https://shop.example.com',
      database: { kind: 'postgres', url: 'postgres://u:p@db:5432/waybill', poolSize: 20 },
      adminKey: 'Kp7vQ2xL9mR4tW8zB3nF6hJ1cY5dG0sA',
      workerEnabled: false,
      requestLogging: true,
      rateLimitPerMinute: 0,
      bodyLimitBytes: 4096,
      production: true,
    });
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4000' }).publicUrl).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/w.db', WAYBILL_SQLITE_SYNCHRONOUS: 'full', WAYBILL_SQLITE_CACHE_MIB: '8' }).database).toEqual({ kind: 'sqlite', file: '/tmp/w.db', synchronous: 'FULL', cacheMib: 8 });
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/w' }).database.kind).toBe('postgres');
    // file: as other tools write it, a path or a URL, rather than a folder named "file:".
    for (const [url, file] of [['file:./data/w.db', './data/w.db'], ['file:///srv/w.db', '/srv/w.db'], ['/srv/w.db', '/srv/w.db']]) {
      expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ kind: 'sqlite', file });
    }
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/w' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'file://elsewhere/w.db' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'file:///srv/w.db?mode=ro' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'file:./w.db#x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses a PORT that is not a port, naming PORT', () => {
    for (const port of ['abc', '80a', '1.5', '-1', '65536', '0x50']) {
      const error = configError({ PORT: port });
      expect(error.variable).toBe('PORT');
      expect(error.message).toMatch(/^PORT: /);
    }
  });

  it('refuses a DATABASE_URL for a database it does not speak, naming DATABASE_URL', () => {
    for (const url of ['mysql://x', 'mongodb://localhost/db', 'http://example.com/db']) {
      const error = configError({ DATABASE_URL: url });
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toContain(url);
    }
    expect(configError({ DATABASE_URL: 'postgres://[bad' }).variable).toBe('DATABASE_URL');
  });

  it('refuses a short WAYBILL_ADMIN_KEY', () => {
    const error = configError({ WAYBILL_ADMIN_KEY: 'admin' });
    expect(error.variable).toBe('WAYBILL_ADMIN_KEY');
    expect(error.message).toMatch(/24/);
    expect(configError({ WAYBILL_ADMIN_KEY: 'k'.repeat(23) }).variable).toBe('WAYBILL_ADMIN_KEY');
  });

  it('refuses values outside each enumeration or range, naming the variable', () => {
    const cases: Array<[string, string]> = [
      ['WAYBILL_WORKER', 'maybe'],
      ['LOG_LEVEL', 'loud'],
      ['WAYBILL_REQUEST_LOGS', 'sometimes'],
      ['WAYBILL_SQLITE_SYNCHRONOUS', 'off'],
      ['WAYBILL_SQLITE_CACHE_MIB', '0'],
      ['WAYBILL_SQLITE_CACHE_MIB', 'lots'],
      ['WAYBILL_RATE_LIMIT_PER_MINUTE', '-1'],
      ['WAYBILL_BODY_LIMIT_BYTES', '10'],
      ['WAYBILL_MAX_ORDER_LINES', '0'],
      ['WAYBILL_MAX_ORDER_LINES', '10001'],
      ['WAYBILL_TAX_RATE_BPS', '10001'],
      ['WAYBILL_SHIPPING_FEE', 'free'],
      ['WAYBILL_PUBLIC_URL', 'not a url'],
    ];
    for (const [variable, value] of cases) {
      const error = configError({ [variable]: value });
      expect(error.variable, `${variable}=${value}`).toBe(variable);
      expect(error.message).toContain(variable);
    }
    expect(configError({ DATABASE_URL: 'postgres://db/w', WAYBILL_PG_POOL_SIZE: '0' }).variable).toBe('WAYBILL_PG_POOL_SIZE');
  });
});
