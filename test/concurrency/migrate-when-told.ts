/**
 * Child process for the migration race proof: opens DATABASE_URL, says "ready", and migrates only
 * when told "go" on stdin, so that several processes start migrating within a millisecond of each
 * other instead of whenever their start-up happens to finish.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

const handle = openDatabase(loadConfig().database);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  migrateToLatest(handle.db)
    .then((applied) => process.stdout.write(`applied ${applied.length}\n`))
    .catch((error: unknown) => {
      process.stdout.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(() => void handle.close());
});
