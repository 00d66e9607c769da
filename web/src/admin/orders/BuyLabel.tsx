/**
 * Rate shopping and buying a label by hand (normally the worker does it): GET /orders/{id}/rates
 * lists every carrier's quote, with what each strategy would pick and why; buying one
 * (POST /orders/{id}/shipments with its carrier and service, or the cheapest) asks first, since a
 * label costs money. Sent with an Idempotency-Key kept while the answer is lost (useIdempotentSend),
 * so buying again after a timeout, the same quote or another, cannot buy twice.
 */
import { useState } from 'react';
import { api, ApiError, call, type AdminOrder, type AdminRateQuote, type AdminRates } from '../../api/index.js';
import { FormError } from '../../shared/forms.js';
import { formatDay, formatMoney } from '../../shared/format.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { ConfirmButton, DataTable, type Column } from '../ui/index.js';

export function BuyLabel({ order, onDone }: { order: AdminOrder; onDone(message: string): void }) {
  const [rates, setRates] = useState<AdminRates | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const sendOnce = useIdempotentSend();
  const path = { id: order.id };

  async function loadRates() {
    setLoading(true);
    setError(null);
    try {
      setRates(await call(api.staffApi.GET('/api/v1/orders/{id}/rates', { params: { path } })));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure);
    } finally {
      setLoading(false);
    }
  }

  async function buy(choice: { carrier: string; service: string } | null) {
    const body = choice ? { carrier: choice.carrier, service: choice.service } : { strategy: 'cheapest' as const };
    const shipment = await sendOnce((key) => call(api.staffApi.POST('/api/v1/orders/{id}/shipments', { params: { path }, body, headers: { 'Idempotency-Key': key } })));
    setRates(null);
    onDone(`Bought a ${shipment.carrier} ${shipment.service} label: ${shipment.tracking_number ?? shipment.id}.`);
  }

  const columns: Column<AdminRateQuote>[] = [
    { key: 'carrier', header: 'Carrier', rowHeader: true, cell: (q) => `${q.carrier} · ${q.service_name}` },
    { key: 'from', header: 'From', cell: (q) => q.warehouse },
    { key: 'amount', header: 'Price', align: 'end', cell: (q) => formatMoney(q.amount, q.currency) },
    { key: 'eta', header: 'Delivery', cell: (q) => (q.estimated_delivery_date ? formatDay(q.estimated_delivery_date) : q.transit_days !== null ? `${q.transit_days} days` : '—') },
    { key: 'note', header: 'Note', cell: (q) => <span className="wrap-text">{q.note}</span> },
    {
      key: 'buy',
      header: 'Buy',
      cell: (q) =>
        q.eligible ? (
          <ConfirmButton
            label={<>Buy<span className="visually-hidden"> the {q.carrier} {q.service_name} label</span></>}
            buttonClassName="button button-small"
            title={`Buy a ${q.carrier} ${q.service_name} label for ${formatMoney(q.amount, q.currency)}?`}
            confirmLabel="Buy the label"
            onConfirm={() => buy({ carrier: q.carrier, service: q.service })}
          >
            <p>The carrier charges for it; it ships what is still waiting on order {order.number}.</p>
          </ConfirmButton>
        ) : (
          <span className="muted">Not eligible</span>
        ),
    },
  ];

  return (
    <div className="buy-label">
      <FormError error={error} />
      <div className="button-row">
        <button type="button" className="button" onClick={() => void loadRates()} disabled={loading}>
          {loading ? 'Asking the carriers…' : rates ? 'Ask for rates again' : 'Get rates'}
        </button>
        <ConfirmButton label="Buy the cheapest label…" title={`Buy the cheapest label for order ${order.number}?`} confirmLabel="Buy the cheapest label" onConfirm={() => buy(null)}>
          <p>Waybill rate-shops every enabled carrier and buys the cheapest label for what is still waiting to ship.</p>
        </ConfirmButton>
      </div>
      {rates ? (
        <>
          <DataTable caption={`Rates for order ${order.number}`} columns={columns} rows={rates.data} rowKey={(q) => `${q.warehouse}/${q.carrier}/${q.service}`} empty="No carrier quoted." />
          {rates.errors.length > 0 ? (
            <ul className="plain-list">
              {rates.errors.map((e) => (
                <li key={e.carrier} className="field-error">
                  {e.carrier}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
