import type { Executor } from '../platform/db/database.js';
import { preferencesFrom, type Preferences } from './preferences.js';
import type { Channel, MessageType } from './types.js';

export async function preferencesOf(db: Executor, customerId: string): Promise<Preferences> {
  const rows = await db.selectFrom('notification_preferences').select(['channel', 'message_type', 'enabled']).where('customer_id', '=', customerId).execute();
  return preferencesFrom(rows);
}

/** Writes the given choices (others stay as they were), in one statement per choice. */
export async function setPreferences(db: Executor, customerId: string, changes: Partial<Record<Channel, Partial<Record<MessageType, boolean>>>>, now: string): Promise<void> {
  for (const [channel, byType] of Object.entries(changes)) {
    for (const [messageType, enabled] of Object.entries(byType ?? {})) {
      await db
        .insertInto('notification_preferences')
        .values({ customer_id: customerId, channel, message_type: messageType, enabled: enabled ? 1 : 0, updated_at: now })
        .onConflict((oc) => oc.columns(['customer_id', 'channel', 'message_type']).doUpdateSet({ enabled: enabled ? 1 : 0, updated_at: now }))
        .execute();
    }
  }
}
