/**
 * The single-use tokens of email links. Only a SHA-256 of each is stored (256 random bits: a fast
 * hash is enough). Using one is one conditional UPDATE (`used_at is null and expires_at > now`), so
 * two requests racing with the same link cannot both win.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import type { AuthTokenTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';
import { newId } from './ids.js';
import { TOKEN_BITS, TOKEN_LIFETIME_MS, tokenState, type TokenPurpose } from './token-rules.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(
  db: Executor,
  deps: { ids: Ids; now: Date },
  input: { purpose: TokenPurpose; accountId: string; email: string },
): Promise<{ id: string; token: string; expiresInMinutes: number }> {
  const token = deps.ids.token(TOKEN_BITS);
  const id = newId(deps.ids, 'tok');
  const lifetime = TOKEN_LIFETIME_MS[input.purpose];
  await db
    .insertInto('auth_tokens')
    .values({
      id,
      token_hash: hashToken(token),
      purpose: input.purpose,
      account_id: input.accountId,
      email: input.email,
      expires_at: new Date(deps.now.getTime() + lifetime).toISOString(),
      used_at: null,
      created_at: deps.now.toISOString(),
    })
    .execute();
  return { id, token, expiresInMinutes: Math.round(lifetime / 60_000) };
}

export type Consumed = { ok: true; token: AuthTokenTable } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Marks the token used if it is this purpose's, unused and unexpired; otherwise says why not. */
export async function consumeToken(db: Executor, purpose: TokenPurpose, token: string, now: Date): Promise<Consumed> {
  const tokenHash = hashToken(token);
  const at = now.toISOString();
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  const row = await db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', tokenHash).where('purpose', '=', purpose).executeTakeFirst();
  if (row === undefined) return { ok: false, reason: 'unknown' };
  if (result.numUpdatedRows > 0n) return { ok: true, token: row };
  const state = tokenState(row, now);
  return { ok: false, reason: state === 'usable' ? 'used' : state };
}

/** Voids an account's unused links of these purposes (after a password reset, the other reset links). */
export async function voidTokensOf(db: Executor, accountId: string, purposes: TokenPurpose[], now: Date): Promise<void> {
  await db.updateTable('auth_tokens').set({ used_at: now.toISOString() }).where('account_id', '=', accountId).where('purpose', 'in', purposes).where('used_at', 'is', null).execute();
}
