/**
 * Recording a scan by hand (POST /shipments/{id}/events): what the carrier confirmed on the phone,
 * a delivery it never reported, a hand-over at the dock. A status, optionally an incident reason,
 * words, when (default now), where, and who signed. The shipment's and the order's attention follow
 * from it on the server (a `delivered` scan clears a failed attempt). Sent with an Idempotency-Key
 * (useIdempotentSend), so a scan sent again after a lost answer is recorded once.
 */
import { useCallback, useState } from 'react';
import { api, call, type AdminShipment, type ManualScanInput } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { isScanReason, isScanStatus, scanReasonOptions, scanStatusOptions } from './scan-vocabulary.js';

/** The form's fields as the request's body (only what was filled in). */
export function scanBody(fields: Record<string, string>): ManualScanInput {
  const status = fields.status ?? '';
  if (!isScanStatus(status)) throw new Error(`not a shipment status: ${status}`);
  const body: ManualScanInput = { status };
  const reason = fields.reason ?? '';
  if (isScanReason(reason)) body.reason = reason;
  if (fields.description?.trim()) body.description = fields.description.trim();
  // datetime-local is the viewer's local time: Date reads it so, and the API wants UTC.
  if (fields.occurred_at) body.occurred_at = new Date(fields.occurred_at).toISOString();
  if (fields.city?.trim() || fields.country?.trim()) body.location = { city: (fields.city ?? '').trim(), country: (fields.country ?? '').trim().toUpperCase() };
  if (fields.signed_by?.trim()) body.signed_by = fields.signed_by.trim();
  return body;
}

export function ManualScanForm({ shipment, onDone }: { shipment: AdminShipment; onDone(message: string): void }) {
  const [status, setStatus] = useState('delivered');
  const sendOnce = useIdempotentSend();
  const { onSubmit, pending, error } = useSubmit(
    useCallback(
      async (fields: Record<string, string>) => {
        const body = scanBody(fields);
        await sendOnce((key) => call(api.staffApi.POST('/api/v1/shipments/{id}/events', { params: { path: { id: shipment.id } }, body, headers: { 'Idempotency-Key': key } })));
        onDone(`Scan recorded on ${shipment.tracking_number ?? shipment.id}.`);
      },
      [shipment.id, shipment.tracking_number, sendOnce, onDone],
    ),
  );
  const label = shipment.tracking_number ?? shipment.id;
  return (
    <form className="form scan-form" aria-label={`Record a scan for ${label}`} onSubmit={(e) => void onSubmit(e)}>
      <FormError error={error} fields={['status', 'reason', 'description', 'occurred_at', 'signed_by']} />
      <div className="form-grid">
        <SelectField label="Status" name="status" options={scanStatusOptions} value={status} onChange={(e) => setStatus(e.target.value)} error={error} />
        <SelectField label="Reason" name="reason" options={scanReasonOptions} defaultValue="" error={error} hint="For a failed attempt or an exception." />
        <Field label="What happened" name="description" maxLength={500} error={error} placeholder="Delivered, confirmed by the carrier on the phone" />
        <Field label="When (default: now)" name="occurred_at" type="datetime-local" error={error} />
        <Field label="City" name="city" maxLength={100} error={error} />
        <Field label="Country (2 letters)" name="country" maxLength={2} pattern="[A-Za-z]{2}" error={error} />
        {status === 'delivered' ? <Field label="Signed by" name="signed_by" maxLength={200} error={error} /> : null}
      </div>
      <FormActions pending={pending} busyLabel="Recording…">
        Record the scan
      </FormActions>
    </form>
  );
}
