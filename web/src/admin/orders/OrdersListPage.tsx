/** /admin/orders: every order, with filters and search. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function OrdersListPage() {
  usePageTitle('Orders', 'Waybill admin');
  return (
    <PageMain title="Orders">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
