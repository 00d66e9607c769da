/** /admin/users: staff users (admins only). (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function UsersPage() {
  usePageTitle('Users', 'Waybill admin');
  return (
    <PageMain title="Users">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
