/**
 * What an operator or viewer sees on an admin-only page (users, API keys) instead of the page: the
 * navigation hides these pages from them, and the API would answer 403, so no request is made.
 */
import { Link } from 'react-router-dom';
import { PageMain } from '../../shared/page.js';

export function OnlyAdmins({ title, what }: { title: string; what: string }) {
  return (
    <PageMain title={title}>
      <div className="card card-notice" data-testid="only-admins">
        <p>
          <strong>Only admins can manage {what}.</strong> Ask an admin of this shop if something here needs changing.
        </p>
        <p>
          <Link to="/admin">Go to the dashboard</Link>
        </p>
      </div>
    </PageMain>
  );
}
