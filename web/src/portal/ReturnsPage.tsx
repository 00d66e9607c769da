/** /account/returns: the customer's returns and their labels. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../shared/page.js';

export function ReturnsPage() {
  usePageTitle('Your returns');
  return (
    <PageMain title="Your returns">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
