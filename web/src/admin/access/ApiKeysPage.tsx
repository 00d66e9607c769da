/** /admin/api-keys: API keys (admins only). (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function ApiKeysPage() {
  usePageTitle('API keys', 'Waybill admin');
  return (
    <PageMain title="API keys">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
