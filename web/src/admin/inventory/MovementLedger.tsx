/** The stock movement ledger of one SKU (GET /inventory/movements?sku=), newest first, paged. */
import { Link } from 'react-router-dom';
import { api, call, type StockMovement } from '../../api/index.js';
import { formatMoment } from '../../shared/format.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { movementKindLabel, signed } from './stock-words.js';
import { DataTable, LoadView, Pager, useCursorPager } from '../ui/index.js';

export function MovementLedger({ sku, refreshKey }: { sku: string; refreshKey: number }) {
  const { signedOut } = useStaffSession();
  const pager = useCursorPager(sku);
  const movements = useLoad(() => call(api.staffApi.GET('/api/v1/inventory/movements', { params: { query: { sku, limit: 25, cursor: pager.cursor } } })), [sku, pager.cursor, refreshKey], signedOut);
  return (
    <LoadView loaded={movements} what="the ledger">
      {(page) => (
        <>
          <DataTable<StockMovement>
            caption={`Stock movements of ${sku}, newest first`}
            rows={page.data}
            rowKey={(m) => m.id}
            empty="No movements yet."
            columns={[
              { key: 'at', header: 'When', rowHeader: true, cell: (m) => <time dateTime={m.created_at}>{formatMoment(m.created_at)}</time> },
              { key: 'warehouse', header: 'Warehouse', cell: (m) => m.warehouse },
              { key: 'kind', header: 'What', cell: (m) => movementKindLabel(m.kind) },
              { key: 'on_hand', header: 'On hand', align: 'end', cell: (m) => signed(m.on_hand_delta) },
              { key: 'reserved', header: 'Reserved', align: 'end', cell: (m) => signed(m.reserved_delta) },
              { key: 'reason', header: 'Reason', cell: (m) => m.reason ?? '—' },
              {
                key: 'order',
                header: 'Order',
                cell: (m) =>
                  m.order_id ? (
                    <Link to={`/admin/orders/${m.order_id}`}>
                      Order<span className="visually-hidden"> {m.order_id}</span>
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              { key: 'actor', header: 'By', cell: (m) => m.actor },
            ]}
          />
          <Pager label={`Pages of the ledger of ${sku}`} pager={pager} nextCursor={page.next_cursor} busy={movements.loading} />
        </>
      )}
    </LoadView>
  );
}
