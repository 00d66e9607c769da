/**
 * Staff and integration API keys. Only a SHA-256 of each key is stored: keys are 190 bits of
 * randomness, so a fast hash is enough (a slow password hash protects low-entropy secrets).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { isoTime } from '../clock.js';
import { isUniqueViolation, type Executor } from '../db/database.js';
import type { Ids } from '../ids.js';

export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `wb_${randomBytes(24).toString('base64url')}`;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export async function createApiKey(
  db: Executor,
  deps: { clock: Clock; ids: Ids },
  input: { role: Role; name: string; key?: string },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = input.key ?? generateApiKey();
  const record: ApiKeyRecord = {
    id: deps.ids.new('key'),
    name: input.name,
    role: input.role,
    prefix: key.slice(0, 7),
    created_at: isoTime(deps.clock.now()),
    revoked_at: null,
  };
  await db.insertInto('api_keys').values({ ...record, key_hash: hashApiKey(key) }).execute();
  return { key, record };
}

export async function listApiKeys(db: Executor): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').select(['id', 'name', 'role', 'prefix', 'created_at', 'revoked_at']).orderBy('id').execute();
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKeyRecord | null> {
  const row = await db.selectFrom('api_keys').select(['id', 'name', 'role', 'prefix', 'created_at', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, role: row.role as Role } : null;
}

export async function revokeApiKey(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: isoTime(now) }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countApiKeys(db: Executor): Promise<number> {
  const row = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findActiveKeyByHash(db: Executor, keyHash: string): Promise<{ id: string; role: Role } | null> {
  const row = await db.selectFrom('api_keys').select(['id', 'role']).where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
  return row && isRole(row.role) ? { id: row.id, role: row.role } : null;
}

/**
 * Ensures an admin key exists on first start: the configured one (automation), or a new random
 * one that the caller prints once. Returns the key only when it was created now.
 */
export async function ensureFirstAdminKey(
  db: Executor,
  deps: { clock: Clock; ids: Ids },
  configuredKey: string | null,
): Promise<{ created: boolean; key: string | null }> {
  if (configuredKey) {
    const existing = await findActiveKeyByHash(db, hashApiKey(configuredKey));
    if (existing) return { created: false, key: null };
    try {
      await createApiKey(db, deps, { role: 'admin', name: 'WAYBILL_ADMIN_KEY', key: configuredKey });
    } catch (error) {
      // Another process starting at the same moment inserted it first.
      if (!isUniqueViolation(error)) throw error;
      return { created: false, key: null };
    }
    return { created: true, key: configuredKey };
  }
  if ((await countApiKeys(db)) > 0) return { created: false, key: null };
  const { key } = await createApiKey(db, deps, { role: 'admin', name: 'first admin key' });
  return { created: true, key };
}
