/** /admin/shipments: a map and a list of the active shipments. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function ShipmentsPage() {
  usePageTitle('Shipments', 'Waybill admin');
  return (
    <PageMain title="Shipments">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
