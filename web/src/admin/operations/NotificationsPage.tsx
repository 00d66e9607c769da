/** /admin/notifications: the outbox of emails and SMS. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function NotificationsPage() {
  usePageTitle('Notifications', 'Waybill admin');
  return (
    <PageMain title="Notifications">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
