/** /admin/purchase-orders/:id: one purchase order; send, cancel, receive. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function PurchaseOrderDetailPage() {
  usePageTitle('Purchase order', 'Waybill admin');
  return (
    <PageMain title="Purchase order">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
