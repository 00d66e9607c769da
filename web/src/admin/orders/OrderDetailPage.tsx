/** /admin/orders/:id: one order and every action on it. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function AdminOrderDetailPage() {
  usePageTitle('Order', 'Waybill admin');
  return (
    <PageMain title="Order">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
