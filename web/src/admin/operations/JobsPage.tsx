/** /admin/jobs: background jobs and dead letters. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function JobsPage() {
  usePageTitle('Jobs', 'Waybill admin');
  return (
    <PageMain title="Jobs">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
