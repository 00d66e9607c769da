/**
 * The simulated carrier's own records: one row per package it has labelled, with the journey planned
 * for it (scans at simulated offsets) and how many scans it has already pushed by webhook. The sim
 * plays an external system, so it keeps these apart from Waybill's shipments.
 */
import type { Db } from '../../../platform/db/database.js';
import type { SimParcelTable } from '../../../platform/db/schema.js';
import type { PlannedScan } from './journey.js';

export interface SimParcel {
  trackingNumber: string;
  reference: string;
  service: string;
  scans: PlannedScan[];
  eta: string;
  speed: number;
  createdAt: string;
  sentScans: number;
  voided: boolean;
}

function fromRow(row: SimParcelTable): SimParcel {
  return {
    trackingNumber: row.tracking_number,
    reference: row.reference,
    service: row.service,
    scans: JSON.parse(row.plan) as PlannedScan[],
    eta: row.eta,
    speed: Number(row.speed),
    createdAt: row.created_at,
    sentScans: Number(row.sent_scans),
    voided: Number(row.voided) === 1,
  };
}

/** The real time of a planned scan: the sim's clock runs `speed` times faster than real time. */
export function scanTime(parcel: Pick<SimParcel, 'createdAt' | 'speed'>, scan: Pick<PlannedScan, 'offsetMs'>): string {
  return new Date(Date.parse(parcel.createdAt) + Math.round(scan.offsetMs / parcel.speed)).toISOString();
}

export async function findSimParcelByReference(db: Db, reference: string): Promise<SimParcel | null> {
  const row = await db.selectFrom('sim_parcels').selectAll().where('reference', '=', reference).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function findSimParcels(db: Db, numbers: readonly string[]): Promise<Map<string, SimParcel>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.selectFrom('sim_parcels').selectAll().where('tracking_number', 'in', [...new Set(numbers)]).execute();
  return new Map(rows.map((r) => [r.tracking_number, fromRow(r)]));
}

export async function insertSimParcels(db: Db, parcels: readonly SimParcel[]): Promise<void> {
  await db
    .insertInto('sim_parcels')
    .values(
      parcels.map((p) => ({
        tracking_number: p.trackingNumber,
        reference: p.reference,
        service: p.service,
        plan: JSON.stringify(p.scans),
        eta: p.eta,
        speed: p.speed,
        created_at: p.createdAt,
        sent_scans: 0,
        next_scan_at: p.scans.length > 0 ? scanTime(p, p.scans[0]!) : null,
        voided: 0,
      })),
    )
    .execute();
}

export async function voidSimParcels(db: Db, numbers: readonly string[]): Promise<void> {
  if (numbers.length === 0) return;
  await db.updateTable('sim_parcels').set({ voided: 1, next_scan_at: null }).where('tracking_number', 'in', [...numbers]).execute();
}

/** Parcels with a scan due by `now` that has not gone out yet, oldest first. */
export async function dueSimParcels(db: Db, now: string, limit: number): Promise<SimParcel[]> {
  const rows = await db
    .selectFrom('sim_parcels')
    .selectAll()
    .where('next_scan_at', '<=', now)
    .where('voided', '=', 0)
    .orderBy('next_scan_at')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/** Records that the first `sent` scans went out; guarded so that two tickers never both advance it. */
export async function markScansSent(db: Db, parcel: SimParcel, sent: number): Promise<boolean> {
  const next = parcel.scans[sent];
  const result = await db
    .updateTable('sim_parcels')
    .set({ sent_scans: sent, next_scan_at: next === undefined ? null : scanTime(parcel, next) })
    .where('tracking_number', '=', parcel.trackingNumber)
    .where('sent_scans', '=', parcel.sentScans)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
