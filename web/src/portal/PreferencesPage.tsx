/** /account/preferences: email and SMS per message type. (scaffold: replaced by the page itself.) */
import { PageMain, usePageTitle } from '../shared/page.js';

export function PreferencesPage() {
  usePageTitle('Messages we send you');
  return (
    <PageMain title="Messages we send you">
      <p className="muted">Not built yet.</p>
    </PageMain>
  );
}
