/** /admin/webhooks: outbound webhook endpoints and deliveries. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function WebhooksPage() {
  usePageTitle('Webhooks', 'Waybill admin');
  return (
    <PageMain title="Webhooks">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
