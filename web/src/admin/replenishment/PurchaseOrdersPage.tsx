/** /admin/purchase-orders: purchase orders. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function PurchaseOrdersPage() {
  usePageTitle('Purchase orders', 'Waybill admin');
  return (
    <PageMain title="Purchase orders">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
