/**
 * In-process event bus with PostgreSQL LISTEN/NOTIFY fan-out when several processes run: committed
 * events reach every process's subscribers (the live streams). Knows no capability: the composition
 * root hands it the source the events are read from.
 */
export { createEventHub, type EventHubOptions } from './hub.js';
export { EVENTS_CHANNEL } from './pg-listener.js';
export { ulidCursorAt } from './cursor.js';
export type { EventHub, EventSource, HubEvent, Unsubscribe } from './types.js';
