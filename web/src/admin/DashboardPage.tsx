/** /admin: the dashboard. A placeholder for now: counts, queues and charts come next (issue 9). */
import { PageMain, usePageTitle } from '../shared/page.js';
import { useStaffSession } from './session.js';

export function DashboardPage() {
  usePageTitle('Dashboard', 'Waybill admin');
  const { session } = useStaffSession();
  return (
    <PageMain title="Dashboard">
      <p data-testid="dashboard-welcome">
        Signed in as {session?.user.email} ({session?.user.role}).
      </p>
      <p className="muted">Orders, exceptions, shipments, inventory and returns will be here.</p>
    </PageMain>
  );
}
