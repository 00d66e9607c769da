/**
 * One message of the outbox with what it says (GET /notifications/{id}): subject, transport, the
 * last error, and its text; the HTML version as source (rendering a stored email inside the admin
 * would run its markup in the admin's page). Sign-in emails come back hidden unless you are an admin.
 */
import { Link } from 'react-router-dom';
import { api, call } from '../../api/index.js';
import { formatMoment } from '../../shared/format.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { channelLabel } from './operation-words.js';
import { Facts, LoadView } from '../ui/index.js';

export function NotificationMessage({ id, refreshKey }: { id: string; refreshKey: string }) {
  const { signedOut } = useStaffSession();
  const message = useLoad(() => call(api.staffApi.GET('/api/v1/notifications/{id}', { params: { path: { id } } })), [id, refreshKey], signedOut);
  return (
    <LoadView loaded={message} what="the message">
      {(m) => (
        <div className="ops-stack">
          <Facts
            items={[
              ['Channel', `${channelLabel(m.channel)} via ${m.transport}`],
              ['To', m.to],
              m.subject !== null && ['Subject', m.subject],
              ['Attempts', m.attempts.toLocaleString()],
              ['Created', formatMoment(m.created_at)],
              ['Sent', m.sent_at ? formatMoment(m.sent_at) : 'Not yet'],
              m.sent_at === null && ['Sends after', formatMoment(m.send_after)],
              m.order_id !== null && ['Order', <Link to={`/admin/orders/${m.order_id}`}>Open the order</Link>],
              m.attachment !== null && ['Attachment', m.attachment.filename],
              ['Message id', <code>{m.message_id}</code>],
            ]}
          />
          {m.last_error ? (
            <div className="form-error">
              <p>Last error: {m.last_error}</p>
            </div>
          ) : null}
          <div>
            <h3>Text</h3>
            <pre className="ops-pre" tabIndex={0} aria-label="Text of the message" data-testid="notification-text">
              {m.text}
            </pre>
          </div>
          {m.html ? (
            <details>
              <summary>HTML source</summary>
              <pre className="ops-pre" tabIndex={0} aria-label="HTML source of the message">
                {m.html}
              </pre>
            </details>
          ) : null}
        </div>
      )}
    </LoadView>
  );
}
