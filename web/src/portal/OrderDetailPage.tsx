/** /account/orders/:id: one order with its timeline, live shipments, map, invoice, returns and feedback. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../shared/page.js';

export function OrderDetailPage() {
  usePageTitle('Order');
  return (
    <PageMain title="Order">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
