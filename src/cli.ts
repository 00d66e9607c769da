/**
 * The one entry point: `waybill serve | worker | migrate | keys | users | demo`. Configuration errors stop
 * the process with one line naming the variable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { createStaffUser, listStaffUsers } from './accounts/index.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDeps, type Deps } from './deps.js';
import { isEmptyShop, seedDemo } from './demo/seed-demo.js';
import { migrateToLatest, migrateWhenReachable } from './platform/db/migrate.js';
import { warmGazetteer } from './platform/geo/gazetteer.js';
import { startAppWorker } from './job-handlers.js';
import { createApiKey, ensureFirstAdminKey, isRole, listApiKeys, revokeApiKey, roles } from './platform/http/api-keys.js';

function orExitOnConfigError<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`waybill: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

function configOrExit(): Config {
  return orExitOnConfigError(() => loadConfig());
}

/** Deps from the configuration; what only shows when building them (a broken template folder) exits the same way. */
function depsOrExit(config: Config): Deps {
  return orExitOnConfigError(() => createDeps(config));
}

/** What a starting process says while its database is away (once per attempt, at warn). */
function waitingForDatabase(deps: Deps): (error: unknown) => void {
  return (error) => deps.logger.warn({ err: error }, 'waiting for the database to be reachable');
}

async function withDeps<T>(run: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = depsOrExit(configOrExit());
  try {
    await migrateToLatest(deps.db);
    return await run(deps);
  } finally {
    await deps.close();
  }
}

async function serve(options: { seedDemo?: boolean }): Promise<void> {
  const config = configOrExit();
  const deps = depsOrExit(config);
  const applied = await migrateWhenReachable(deps.db, { onWait: waitingForDatabase(deps) });
  if (applied.length > 0) deps.logger.info({ migrations: applied }, 'migrations applied');
  const firstKey = await ensureFirstAdminKey(deps.db, deps, config.adminKey);
  if (options.seedDemo && (await isEmptyShop(deps))) {
    const seeded = await seedDemo(deps);
    deps.logger.info(seeded, 'empty database: demo shop seeded');
  }
  warmGazetteer();
  const app = await buildApp(deps);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl.replace(/:\d+$/, `:${port}`);
  const lines = [
    '',
    `Waybill is running (${deps.dialect}).`,
    `  Admin:        ${base}/admin   (staff users: npx waybill users create --email … --role admin)`,
    `  Portal:       ${base}/account`,
    `  Tracking:     ${base}/track/<tracking token of an order>`,
    `  API:          ${base}/api/v1`,
    `  API docs:     ${base}/docs`,
    `  OpenAPI:      ${base}/openapi.json`,
    `  Health:       ${base}/healthz`,
  ];
  if (!existsSync(join(config.webDir, 'index.html'))) lines.push(`  Web app:      not built, its pages answer 503: run \`npm run build\` (looked in ${config.webDir})`);
  if (firstKey.created && firstKey.key && !config.adminKey) lines.push(`  Admin API key (shown once, keep it): ${firstKey.key}`);
  else if (config.adminKey) lines.push('  Admin API key: the value of WAYBILL_ADMIN_KEY');
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const worker = config.workerEnabled ? startAppWorker(deps) : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.logger.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

const program = new Command('waybill').description('Order management, fulfillment and shipment tracking server').showHelpAfterError();

program
  .command('serve')
  .description('Run the HTTP server (API, docs, health, metrics); applies migrations first')
  .option('--seed-demo', 'seed the demo shop when the database has no products (what npm start does)')
  .action(serve);

program
  .command('worker')
  .description('Run only the background worker (order processing, payments, schedules) until SIGTERM; any number may run against one database')
  .option('--concurrency <n>', 'jobs run at once (default WAYBILL_WORKER_CONCURRENCY, 4)')
  .action(async (options: { concurrency?: string }) => {
    const config = configOrExit();
    const concurrency = options.concurrency === undefined ? config.workerConcurrency : Number(options.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
      process.stderr.write('waybill worker: --concurrency must be a whole number from 1 to 256\n');
      process.exit(2);
    }
    const deps = depsOrExit(config);
    await migrateWhenReachable(deps.db, { onWait: waitingForDatabase(deps) });
    const worker = startAppWorker(deps, { concurrency });
    deps.logger.info({ concurrency, leaseMs: config.jobLeaseMs }, 'worker started');
    const shutdown = async (signal: string) => {
      deps.logger.info({ signal }, 'worker stopping: finishing or handing back running jobs');
      await worker.stop();
      await deps.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const deps = depsOrExit(configOrExit());
    try {
      const applied = await migrateToLatest(deps.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await deps.close();
    }
  });

const keys = program.command('keys').description('Manage API keys');
keys
  .command('create')
  .description('Create an API key and print it (it is stored hashed and never shown again)')
  .addOption(new Option('--role <role>', 'admin | operator | viewer').choices([...roles]).makeOptionMandatory())
  .option('--name <name>', 'a label for the key', 'cli')
  .action(async (options: { role: string; name: string }) => {
    if (!isRole(options.role)) throw new Error('unreachable: commander checked the role');
    const role = options.role;
    await withDeps(async (deps) => {
      const { key, record } = await createApiKey(deps.db, deps, { role, name: options.name });
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created ${record.role} key ${record.id} (${record.name})\n`);
    });
  });
keys
  .command('list')
  .description('List API keys (ids, roles, prefixes; never the keys)')
  .action(async () => {
    await withDeps(async (deps) => {
      for (const key of await listApiKeys(deps.db)) {
        process.stdout.write(`${key.id}\t${key.role}\t${key.prefix}…\t${key.name}\t${key.revoked_at ? `revoked ${key.revoked_at}` : 'active'}\n`);
      }
    });
  });
keys
  .command('revoke <id>')
  .description('Revoke an API key by id')
  .action(async (id: string) => {
    await withDeps(async (deps) => {
      const revoked = await revokeApiKey(deps.db, id, deps.clock.now());
      process.stdout.write(revoked ? `revoked ${id}\n` : `no active key ${id}\n`);
      if (!revoked) process.exitCode = 1;
    });
  });

const users = program.command('users').description('Manage staff users, who sign in to the browser with POST /auth/login');
users
  .command('create')
  .description('Create a staff user; without --password a generated one is printed (once: it is stored hashed)')
  .requiredOption('--email <email>', 'the email they sign in with')
  .addOption(new Option('--role <role>', 'admin | operator | viewer').choices([...roles]).makeOptionMandatory())
  .option('--name <name>', 'how the admin shows them (default: the part of the email before @)')
  .option('--password <password>', '8 to 128 characters, not a common one (note: a shell may keep it in its history)')
  .action(async (options: { email: string; role: string; name?: string; password?: string }) => {
    if (!isRole(options.role)) throw new Error('unreachable: commander checked the role');
    const role = options.role;
    await withDeps(async (deps) => {
      // 128 random bits as 22 URL-safe characters: no common-password rule can refuse it.
      const password = options.password ?? deps.ids.token(128);
      const user = await createStaffUser(deps.db, deps, { email: options.email, role, password, ...(options.name ? { name: options.name } : {}) });
      if (options.password === undefined) process.stdout.write(`${password}\n`);
      process.stderr.write(`created ${user.role} user ${user.id} (${user.email})\n`);
    });
  });
users
  .command('list')
  .description('List staff users (ids, roles, emails; never passwords)')
  .action(async () => {
    await withDeps(async (deps) => {
      for (const user of await listStaffUsers(deps.db)) {
        process.stdout.write(`${user.id}\t${user.role}\t${user.email}\t${user.name}\t${user.last_sign_in_at ? `signed in ${user.last_sign_in_at}` : 'never signed in'}\n`);
      }
    });
  });

program
  .command('demo')
  .description('Seed the demo shop (catalog, two warehouses, customers with orders) into an empty database')
  .action(async () => {
    await withDeps(async (deps) => {
      if (!(await isEmptyShop(deps))) {
        process.stdout.write('the database already has products; demo data not added\n');
        return;
      }
      const seeded = await seedDemo(deps);
      process.stdout.write(`demo shop seeded: ${seeded.products} products, ${seeded.warehouses} warehouses, ${seeded.orders} orders\n`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`waybill: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
