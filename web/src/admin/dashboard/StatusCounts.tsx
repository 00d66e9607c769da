/** Orders by status now, each a link into the orders list filtered by that status. */
import { Link } from 'react-router-dom';
import type { AnalyticsOverview } from '../../api/index.js';
import { statusLabel } from '../../shared/format.js';
import { orderStatuses } from '../orders/order-statuses.js';
import { toneOf } from '../ui/index.js';

export function StatusCounts({ counts }: { counts: AnalyticsOverview['orders_by_status'] }) {
  return (
    <ul className="count-cards" aria-label="Orders by status">
      {orderStatuses.map((status) => (
        <li key={status}>
          <Link to={`/admin/orders?status=${status}`} className={`count-card count-card-${toneOf(status)}`} data-testid={`count-${status}`}>
            <span className="count-figure">{counts[status]}</span>{' '}
            <span className="count-name">{statusLabel(status)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A headline figure that leads to where it is dealt with (exceptions, returns, stock). */
export function KeyFigure({ to, figure, name, hint, testId }: { to: string; figure: number; name: string; hint: string; testId: string }) {
  return (
    <li>
      <Link to={to} className={`key-figure${figure > 0 ? ' key-figure-alert' : ''}`} data-testid={testId}>
        <span className="count-figure">{figure}</span> <span className="count-name">{name}</span> <span className="key-figure-hint">{hint}</span>
      </Link>
    </li>
  );
}
