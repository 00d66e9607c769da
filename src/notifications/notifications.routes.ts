/**
 * `GET /api/v1/notifications` (every message sent or queued, the dev outbox included), one
 * notification with its content, replaying a dead letter, and customers' preferences.
 */
import { Type } from '@sinclair/typebox';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import type { NotificationTable } from '../platform/db/schema.js';
import { parseAttachment, type AttachmentRef } from './attachments.js';
import type { NotificationDeps } from './notification-deps.js';
import { findNotification, listNotifications, updateNotification } from './notification.repository.js';
import { SEND_ATTEMPTS, SEND_NOTIFICATION_JOB } from './plan-notifications.js';
import { preferencesOf, setPreferences } from './preference.repository.js';
import { channels, messageTypes } from './types.js';

const tags = ['notifications'];
const HIDDEN = '[hidden: this message carries a sign-in link; an admin can read it]';
const statuses = ['queued', 'waiting', 'sending', 'sent', 'outbox', 'failed', 'dead'] as const;

const NotificationSchema = Type.Object({
  id: Type.String(),
  order_id: Type.Union([Type.String(), Type.Null()]),
  customer_id: Type.Union([Type.String(), Type.Null()]),
  shipment_id: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union(channels.map((c) => Type.Literal(c))),
  template: Type.String({ description: 'The message type, and the template it was rendered from' }),
  transport: Type.String({ description: 'smtp | twilio | outbox' }),
  to: Type.String(),
  status: Type.Union(statuses.map((s) => Type.Literal(s))),
  subject: Type.Union([Type.String(), Type.Null()]),
  message_id: Type.String(),
  attempts: Type.Integer(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  send_after: Type.String(),
  sent_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  attachment: Type.Union([
    Type.Object(
      { kind: Type.String({ description: 'purchase_order' }), id: Type.String({ description: 'The record the document is made from' }), filename: Type.String() },
      { description: 'A document made and attached when the email is sent' },
    ),
    Type.Null(),
  ]),
});
const NotificationDetailSchema = Type.Intersect([NotificationSchema, Type.Object({ text: Type.String(), html: Type.Union([Type.String(), Type.Null()]) })]);

/** A customer's choices (the answer of GET/PUT …/preferences); the portal's /portal/preferences answers the same. */
export const PreferencesSchema = Type.Object(
  Object.fromEntries(channels.map((c) => [c, Type.Object(Object.fromEntries(messageTypes.map((t) => [t, Type.Boolean()])))])) as Record<string, ReturnType<typeof Type.Object>>,
);
/** The body of PUT …/preferences: some of the choices; the portal's PUT /portal/preferences takes the same. */
export const PreferencesBody = Type.Object(
  Object.fromEntries(channels.map((c) => [c, Type.Optional(Type.Object(Object.fromEntries(messageTypes.map((t) => [t, Type.Optional(Type.Boolean())])), { additionalProperties: false }))])),
  { additionalProperties: false, minProperties: 1 },
);

/** A reference that does not parse is shown as none here; sending it dead-letters with the reason. */
function attachmentView(stored: string | null | undefined): AttachmentRef | null {
  try {
    return parseAttachment(stored);
  } catch {
    return null;
  }
}

function view(n: NotificationTable) {
  return {
    id: n.id,
    order_id: n.order_id,
    customer_id: n.customer_id,
    shipment_id: n.shipment_id,
    channel: n.channel as (typeof channels)[number],
    template: n.message_type,
    transport: n.transport,
    to: n.to_address,
    status: n.status as (typeof statuses)[number],
    subject: n.subject,
    message_id: n.message_id,
    attempts: Number(n.attempts),
    last_error: n.last_error,
    send_after: n.send_after,
    sent_at: n.sent_at,
    created_at: n.created_at,
    attachment: attachmentView(n.attachment),
  };
}

export function notificationRoutes(deps: NotificationDeps) {
  return async (app: App) => {
    app.get(
      '/notifications',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'Every message sent or queued (the dev outbox included), newest first',
          querystring: Type.Object({
            order_id: Type.Optional(Type.String({ maxLength: 64 })),
            status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
            channel: Type.Optional(Type.Union(channels.map((c) => Type.Literal(c)))),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          }),
          response: { 200: listOf(NotificationSchema), ...problemResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await listNotifications(deps.db, { orderId: q.order_id, status: q.status, channel: q.channel, before: decodeCursor(q.cursor), limit: limit + 1 });
        return page(rows.map(view), limit, (n) => n.id);
      },
    );

    app.get(
      '/notifications/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'One message with what it says', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: NotificationDetailSchema, ...problemResponses } },
      },
      async (request) => {
        const n = await findNotification(deps.db, request.params.id);
        if (n === null) throw notFound(`Notification ${request.params.id}`);
        // Sign-in, reset and verification emails carry live single-use links: only admins read them
        // (in the dev outbox that is how a demo signs in); anyone else would be handed the account.
        const principal = request.principal;
        const admin = principal !== null && principal.kind !== 'customer' && principal.role === 'admin';
        if (n.message_type.startsWith('account_') && !admin) return { ...view(n), text: HIDDEN, html: null };
        return { ...view(n), text: n.body_text, html: n.body_html };
      },
    );

    app.post(
      '/notifications/:id/retry',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Send a dead (or failed) message again', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: NotificationSchema, ...problemResponses } },
      },
      async (request) => {
        const id = request.params.id;
        await deps.db.transaction().execute(async (trx) => {
          const n = await findNotification(trx, id);
          if (n === null) throw notFound(`Notification ${id}`);
          if (n.status !== 'dead' && n.status !== 'failed') throw new AppError('conflict', `Only a dead or failed message is sent again; this one is ${n.status}`);
          const now = deps.clock.now().toISOString();
          await updateNotification(trx, id, { status: 'queued', last_error: null, updated_at: now });
          await deps.enqueue(trx, { type: SEND_NOTIFICATION_JOB, payload: { notification_id: id }, dedupeKey: `notification:${id}:replay:${now}`, maxAttempts: SEND_ATTEMPTS });
        });
        return view((await findNotification(deps.db, id))!);
      },
    );

    const CustomerParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
    async function customerOrThrow(id: string) {
      const c = await deps.db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
      if (c === undefined) throw notFound(`Customer ${id}`);
    }

    app.get(
      '/customers/:id/preferences',
      { config: { access: 'viewer' }, schema: { tags, summary: "A customer's choices per channel and message", params: CustomerParams, response: { 200: PreferencesSchema, ...problemResponses } } },
      async (request) => {
        await customerOrThrow(request.params.id);
        return preferencesOf(deps.db, request.params.id);
      },
    );

    app.put(
      '/customers/:id/preferences',
      {
        config: { access: 'operator' },
        schema: { tags, summary: "Set some of a customer's choices (the rest stay)", params: CustomerParams, body: PreferencesBody, response: { 200: PreferencesSchema, ...problemResponses } },
      },
      async (request) => {
        await customerOrThrow(request.params.id);
        await setPreferences(deps.db, request.params.id, request.body as never, deps.clock.now().toISOString());
        return preferencesOf(deps.db, request.params.id);
      },
    );
  };
}
