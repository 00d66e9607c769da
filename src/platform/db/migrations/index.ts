import type { Migration } from 'kysely';
import * as core from './20261122090000_core.js';

/** Every migration in order. Names are timestamps; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '20261122090000_core': core,
};
