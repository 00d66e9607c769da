/**
 * A customer's choices per channel and message type. Transactional email is on unless the customer
 * turned a message off; SMS is off unless the customer opted in (a text costs the shop and interrupts
 * the customer). Pure.
 */
import { channels, messageTypes, type Channel, type MessageType } from './types.js';

export type Preferences = Record<Channel, Record<MessageType, boolean>>;

export function defaultEnabled(channel: Channel): boolean {
  return channel === 'email';
}

export function preferencesFrom(rows: ReadonlyArray<{ channel: string; message_type: string; enabled: number | boolean }>): Preferences {
  const prefs = Object.fromEntries(channels.map((c) => [c, Object.fromEntries(messageTypes.map((t) => [t, defaultEnabled(c)]))])) as Preferences;
  for (const row of rows) {
    if ((channels as readonly string[]).includes(row.channel) && (messageTypes as readonly string[]).includes(row.message_type)) {
      prefs[row.channel as Channel][row.message_type as MessageType] = row.enabled === true || row.enabled === 1;
    }
  }
  return prefs;
}
