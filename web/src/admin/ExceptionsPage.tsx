/** /admin/exceptions: orders and shipments that need attention. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../shared/page.js';

export function ExceptionsPage() {
  usePageTitle('Exceptions', 'Waybill admin');
  return (
    <PageMain title="Exceptions">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
