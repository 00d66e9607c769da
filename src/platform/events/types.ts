import type { Executor } from '../db/database.js';

/** What the hub carries: anything with a sortable id (a prefixed ULID). */
export interface HubEvent {
  readonly id: string;
}

/**
 * Where the hub reads events from: the composition root hands it one (the order timeline), so
 * that platform/ knows no capability's tables. Every method returns only events already announced
 * (relayed): what a subscriber receives live is what a reader of the table sees.
 */
export interface EventSource<E extends HubEvent> {
  /** The announced events with these ids, in id order (missing ids are skipped). */
  byIds(ids: readonly string[]): Promise<E[]>;
  /** Ids of announced events sorting after `cursor`, in id order, at most `limit`. */
  idsAfter(cursor: string, limit: number): Promise<string[]>;
  /** A cursor that sorts before every id made at or after `ms` (epoch milliseconds). */
  cursorAt(ms: number): string;
}

export type Unsubscribe = () => void;

export interface EventHub<E extends HubEvent> {
  /**
   * Inside the transaction that announces `ids` (the relay's): on PostgreSQL a NOTIFY, which the
   * database delivers at commit — never for a rolled-back one — to every process listening, this one
   * included. Nothing on SQLite (see `publish`).
   */
  notifyInTransaction(trx: Executor, ids: readonly string[]): Promise<void>;
  /**
   * After that transaction committed: on SQLite the events reach this process's subscribers now
   * (other processes on the same file find them by polling). Nothing on PostgreSQL: the NOTIFY does it.
   */
  publish(ids: readonly string[]): void;
  /**
   * `listener` hears every later event `filter` accepts, each once, a batch at a time (the events of
   * one announcement, in id order): one write per batch serves a stream better than one per event.
   */
  subscribe(filter: (event: E) => boolean, listener: (events: readonly E[]) => void): Unsubscribe;
  /**
   * Resolves once events announced from now on will reach subscribers (on PostgreSQL: the LISTEN
   * connection is up); rejects when it cannot be made within a few seconds (database down).
   */
  ready(): Promise<void>;
  /** Subscribers right now (for metrics and tests). */
  readonly subscriberCount: number;
  close(): Promise<void>;
}
