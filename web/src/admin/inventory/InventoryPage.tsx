/** /admin/inventory: stock, low stock, adjustments and counts. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function InventoryPage() {
  usePageTitle('Inventory', 'Waybill admin');
  return (
    <PageMain title="Inventory">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
