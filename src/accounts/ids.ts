/** Ids for what this capability stores: accounts, staff users and single-use tokens. */
import type { Ids } from '../platform/ids.js';

export type AccountIdPrefix = 'acc' | 'usr' | 'tok';

export function newId(ids: Ids, prefix: AccountIdPrefix): string {
  return ids.new(prefix);
}
