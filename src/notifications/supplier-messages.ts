/**
 * Emails to suppliers (a purchase order, with its PDF attached). Like account emails, no order is
 * behind them, so they do not go through the order-message renderer; they reuse the template store
 * (a shop's override folder replaces `purchase_order.*.hbs` too), its checks and partials, the
 * notifications table and the `notifications.send` job, so they leave by SMTP or land in the dev
 * outbox like every message and show in GET /api/v1/notifications. The caller (replenishment)
 * gathers what the message says; this file renders it and writes it once.
 */
import type { Clock } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { AttachmentRef } from './attachments.js';
import { queueEmail } from './queue-email.js';
import { checkCalls, compile, instanceWithPartials, oneLine, run, tidyText, type Compiled } from './render.js';
import type { SupplierMessageContexts, SupplierMessagePart, SupplierMessageType } from './supplier-message-types.js';
import { loadTemplateSources } from './template-store.js';
import type { EmailTransport } from './types.js';

export interface SupplierEmailRenderer {
  render<T extends SupplierMessageType>(type: T, context: SupplierMessageContexts[T]): { subject: string; text: string; html: string };
}

/** Compiled once from the built-in templates and the shop's override folder; throws TemplateConfigError on a broken one. */
export function createSupplierEmailRenderer(options: { overrideDir?: string | null }): SupplierEmailRenderer {
  const sources = loadTemplateSources(options.overrideDir ?? null);
  const html = instanceWithPartials(sources, 'html');
  const text = instanceWithPartials(sources, 'text');
  const parts = new Map<string, Compiled>();
  for (const source of sources) {
    if (source.role.kind !== 'supplier_message') continue;
    const isHtml = source.role.part === 'html';
    const compiled = compile(isHtml ? html.hbs : text.hbs, source, isHtml);
    checkCalls(compiled, isHtml ? html.partials : text.partials, isHtml ? 'html' : 'text');
    parts.set(`${source.role.type}.${source.role.part}`, compiled);
  }
  const part = (type: SupplierMessageType, name: SupplierMessagePart): Compiled => {
    const compiled = parts.get(`${type}.${name}`);
    if (compiled === undefined) throw new Error(`notification templates: no ${name} template for supplier message ${type}`);
    return compiled;
  };
  return {
    render(type, context) {
      const view = context as unknown as Record<string, unknown>;
      return {
        subject: oneLine(run(part(type, 'subject'), view)),
        html: `${run(part(type, 'html'), view).trim()}\n`,
        text: tidyText(run(part(type, 'text'), view)),
      };
    },
  };
}

export interface SupplierEmailDeps {
  ids: Ids;
  clock: Clock;
  enqueue: Enqueue;
  /** Its host names the Message-ID. */
  publicUrl: string;
  transport: Pick<EmailTransport, 'kind'>;
  renderer: SupplierEmailRenderer;
}

export interface SupplierEmail<T extends SupplierMessageType = SupplierMessageType> {
  type: T;
  /** Unique per message (`purchase_order:<id>:email`): a retried transaction, or a second send, writes it once. */
  dedupeKey: string;
  to: string;
  context: SupplierMessageContexts[T];
  /** The document made and attached when the email is sent. */
  attachment: AttachmentRef | null;
}

/**
 * Writes the message and its send job inside the caller's transaction (the state change that
 * means "email the supplier" commits with it, or neither does). Returns the notification's id, or
 * null when a message with this key was already written.
 */
export async function queueSupplierEmail<T extends SupplierMessageType>(trx: Trx, deps: SupplierEmailDeps, email: SupplierEmail<T>): Promise<string | null> {
  const rendered = deps.renderer.render(email.type, email.context);
  return queueEmail(trx, deps, { dedupeKey: email.dedupeKey, type: email.type, to: email.to, customerId: null, rendered, attachment: email.attachment });
}
