/**
 * The chaos run's options, from flags (`npm run chaos -- --short --seed 42`) or the environment
 * (`CHAOS_ORDERS`, `CHAOS_SEED`, `CHAOS_MAX_MINUTES`, `CHAOS_SHORT=1`, `CHAOS_PG_RESTART=off`);
 * flags win.
 */
import { randomInt } from 'node:crypto';

export interface ChaosOptions {
  orders: number;
  seed: number;
  /** The whole run, settling included, fails past this. */
  maxMinutes: number;
  short: boolean;
  /** Kills to reach before the processes are calmed (both kinds count). */
  minKills: number;
  /** Off: the PostgreSQL restart is skipped (and, in CI, that is a failure). */
  pgRestart: boolean;
  /** In CI a restart that could not be made fails the run instead of being skipped. */
  ci: boolean;
  /** PostgreSQL server on which the run creates (and drops) its own database. */
  serverUrl: string;
  /** Keep the database afterwards (to look into a failure). */
  keepDatabase: boolean;
}

const USAGE = `npm run chaos -- [--short] [--orders N] [--seed N] [--max-minutes N] [--min-kills N] [--no-pg-restart] [--keep-db]
  environment: CHAOS_ORDERS, CHAOS_SEED, CHAOS_MAX_MINUTES, CHAOS_MIN_KILLS, CHAOS_SHORT=1, CHAOS_PG_RESTART=off,
  WAYBILL_TEST_DATABASE_URL (a PostgreSQL server; the run creates its own database on it)`;

function numberOf(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"\n${USAGE}`);
  return n;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ChaosOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (['short', 'no-pg-restart', 'keep-db'].includes(name)) flags.set(name, 'true');
    else if (['orders', 'seed', 'max-minutes', 'min-kills'].includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
      flags.set(name, value);
    } else throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const short = flags.has('short') || env.CHAOS_SHORT === '1';
  const orders = numberOf('--orders', flags.get('orders') ?? env.CHAOS_ORDERS) ?? (short ? 150 : 1_000);
  const serverUrl = env.WAYBILL_TEST_DATABASE_URL ?? (/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '') ? env.DATABASE_URL! : 'postgres://postgres@127.0.0.1:5432/test');
  return {
    orders,
    seed: numberOf('--seed', flags.get('seed') ?? env.CHAOS_SEED) ?? randomInt(1, 2 ** 31),
    maxMinutes: numberOf('--max-minutes', flags.get('max-minutes') ?? env.CHAOS_MAX_MINUTES) ?? (short ? 4 : 20),
    short,
    minKills: numberOf('--min-kills', flags.get('min-kills') ?? env.CHAOS_MIN_KILLS) ?? (short ? 6 : 20),
    pgRestart: !flags.has('no-pg-restart') && env.CHAOS_PG_RESTART !== 'off',
    ci: env.CI === 'true',
    serverUrl,
    keepDatabase: flags.has('keep-db'),
  };
}
