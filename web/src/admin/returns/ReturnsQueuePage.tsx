/** /admin/returns: the returns queue. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../../shared/page.js';

export function ReturnsQueuePage() {
  usePageTitle('Returns', 'Waybill admin');
  return (
    <PageMain title="Returns">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
