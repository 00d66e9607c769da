/**
 * /admin/returns/:id: one return — where it stands, its lines and the stock they go back to, the
 * return parcel and its label, the refund quote — and its next step (approve or reject, receive,
 * refund or close). Live: a change of its order on the staff stream reloads it.
 */
import { Link, useParams } from 'react-router-dom';
import { api, call, type AdminReturnPolicy } from '../../api/index.js';
import { formatMoment, statusLabel } from '../../shared/format.js';
import { usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { labelPath } from '../orders/ShipmentCard.js';
import { useStaffSession } from '../session.js';
import { Facts, RecordPage, Section, StatusPill, useActionNotice, useCanWrite, useLiveRefresh } from '../ui/index.js';
import { RefundQuote } from './RefundQuote.js';
import { ReturnActions } from './ReturnActions.js';
import { ReturnLines } from './ReturnLines.js';
import { returnStatusLabel } from './return-words.js';
import { useReturnRecord } from './useReturnRecord.js';

export function ReturnDetailPage() {
  const { id = '' } = useParams();
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const record = useReturnRecord(id, signedOut);
  const policy = useLoad<AdminReturnPolicy>(() => call(api.staffApi.GET('/api/v1/returns/policy')), []);
  const ret = record.data?.ret ?? null;
  usePageTitle(ret ? `Return for ${ret.order_number}` : 'Return', 'Waybill admin');
  const live = useLiveRefresh(record.reload, { filter: (c) => ret !== null && c.order_id === ret.order_id, throttleMs: 2_000, enabled: ret !== null });
  const { flash, done } = useActionNotice(record.reload);

  return (
    <RecordPage
      loaded={record}
      what="the return"
      title={ret ? `Return for ${ret.order_number}` : 'Return'}
      back={{ to: '/admin/returns', label: 'Returns' }}
      notFound={{ title: 'Return not found', text: `There is no return ${id}.`, back: 'Back to the returns' }}
      trail={
        ret ? (
          <>
            <StatusPill status={ret.status} label={returnStatusLabel(ret.status)} /> · <Link to={`/admin/orders/${ret.order_id}`}>Order {ret.order_number}</Link>
          </>
        ) : null
      }
      live={live}
      flash={flash}
    >
      {({ ret, stock }) => (
        <div className="order-page">
          <Section title="Overview">
            <Facts
              items={[
                ['Status', <span data-testid="return-status">{returnStatusLabel(ret.status)}</span>],
                ['Asked by', ret.requested_by === 'staff' ? 'Staff' : 'The customer'],
                ['Asked', formatMoment(ret.created_at)],
                ret.approved_at ? ['Approved', formatMoment(ret.approved_at)] : null,
                ret.received_at ? ['Received', formatMoment(ret.received_at)] : null,
                ret.closed_at ? ['Closed', formatMoment(ret.closed_at)] : null,
                ['Goes back to', ret.warehouse ?? '—'],
                ret.exchange_order_id ? ['Exchange order', <Link to={`/admin/orders/${ret.exchange_order_id}`}>Open the exchange order</Link>] : null,
                ['Customer’s comment', ret.comment ?? '—'],
                ret.rejection_reason ? ['Rejected because', ret.rejection_reason] : null,
              ]}
            />
          </Section>
          <ReturnLines ret={ret} stock={stock} reasons={policy.data?.reasons ?? []} />
          <Section title="Return parcel">
            {ret.shipment ? (
              <Facts
                items={[
                  ['Carrier', `${ret.shipment.carrier} · ${ret.shipment.service}`],
                  ['Status', statusLabel(ret.shipment.status)],
                  [
                    'Tracking',
                    ret.shipment.tracking_number ? (
                      ret.shipment.tracking_url ? (
                        <a href={ret.shipment.tracking_url} target="_blank" rel="noreferrer">
                          {ret.shipment.tracking_number}
                        </a>
                      ) : (
                        ret.shipment.tracking_number
                      )
                    ) : (
                      '—'
                    ),
                  ],
                  [
                    'Label',
                    ret.label_url && ret.shipment.label_state === 'purchased' ? (
                      <a href={labelPath(ret.shipment)} target="_blank" rel="noreferrer">
                        Return label (PDF)
                      </a>
                    ) : (
                      statusLabel(ret.shipment.label_state)
                    ),
                  ],
                ]}
              />
            ) : (
              <p className="muted">No return label yet: one is bought when the return is approved.</p>
            )}
          </Section>
          <RefundQuote ret={ret} />
          {canWrite ? <ReturnActions ret={ret} onDone={done} /> : <p className="muted">You can read this return; acting on it needs the operator role.</p>}
        </div>
      )}
    </RecordPage>
  );
}
