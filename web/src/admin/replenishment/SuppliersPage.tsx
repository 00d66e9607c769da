/** /admin/suppliers: suppliers. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function SuppliersPage() {
  usePageTitle('Suppliers', 'Waybill admin');
  return (
    <PageMain title="Suppliers">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
