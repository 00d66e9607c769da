/** /admin/returns/:id: one return and its steps. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function ReturnDetailPage() {
  usePageTitle('Return', 'Waybill admin');
  return (
    <PageMain title="Return">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
