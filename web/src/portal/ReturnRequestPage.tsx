/** /account/orders/:id/return: ask to return delivered items. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../shared/page.js';

export function ReturnRequestPage() {
  usePageTitle('Return items');
  return (
    <PageMain title="Return items">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
