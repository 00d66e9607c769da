/**
 * Account emails (verify your address, magic-link sign-in, password reset, password changed): no
 * order behind them, so they do not go through the order-message renderer, whose MessageContext
 * needs one. They reuse what can be reused: the template store (so a shop's override folder
 * replaces `account_*.hbs` too), the helpers, the `button` partial, the notifications table and the
 * `notifications.send` job (so they leave by SMTP or land in the dev outbox like every message, and
 * show in GET /api/v1/notifications).
 *
 * The templates are partials as far as the template store is concerned (`account_<type>.html.hbs`,
 * `.text.hbs`), which the order renderer already compiles and checks at start-up (no raw HTML
 * output, every called partial exists). `account_emails.*.hbs` and `account_subject.text.hbs`
 * dispatch on the message type, so every account template is called by a template, and an
 * override of one is not mistaken for a misspelt message name.
 */
import Handlebars from 'handlebars';
import type { Trx } from '../platform/db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { cssColor, formatAmount, formatDate } from './format.js';
import { queueEmail } from './queue-email.js';
import { loadTemplateSources, TemplateConfigError } from './template-store.js';
import type { Branding, EmailTransport } from './types.js';

export const accountMessageTypes = ['account_verify_email', 'account_magic_link', 'account_password_reset', 'account_password_changed'] as const;
export type AccountMessageType = (typeof accountMessageTypes)[number];

/** What an account template is given. */
export interface AccountEmailContext {
  shop: Branding;
  name: string;
  email: string;
  /** The one link the message is about (null for `account_password_changed`). */
  link: string | null;
  /** How long the link works, in words ("15 minutes", "24 hours"). */
  expires_in: string | null;
  /** Where a customer goes when the message surprised them (sign in, reset the password). */
  portal_url: string;
}

export interface AccountEmailRenderer {
  render(type: AccountMessageType, context: AccountEmailContext): { subject: string; text: string; html: string };
}

function instance(sources: ReturnType<typeof loadTemplateSources>, target: 'html' | 'text'): typeof Handlebars {
  const hbs = Handlebars.create();
  // The same helpers as the order renderer (render.ts), so a shop's shared partials work here too.
  hbs.registerHelper('money', (amount: unknown, currency: unknown) => formatAmount(amount, currency));
  hbs.registerHelper('date', (value: unknown, style: unknown) => formatDate(value, style === 'long' ? 'long' : 'short'));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('cssColor', (value: unknown) => cssColor(value));
  for (const pass of ['shared', target] as const) {
    for (const source of sources) if (source.role.kind === 'partial' && source.role.target === pass) hbs.registerPartial(source.role.name, source.source);
  }
  return hbs;
}

const knownHelpers = { money: true, date: true, eq: true, cssColor: true } as unknown as CompileOptions['knownHelpers'];

/** Compiled once from the built-in templates and the shop's override folder (the same one the order messages use). */
export function createAccountEmailRenderer(options: { overrideDir?: string | null }): AccountEmailRenderer {
  const sources = loadTemplateSources(options.overrideDir ?? null);
  const html = instance(sources, 'html');
  const text = instance(sources, 'text');
  const compile = (hbs: typeof Handlebars, entry: string, escape: boolean) => {
    try {
      const options = { knownHelpers, knownHelpersOnly: true, noEscape: !escape };
      // precompile now: an unknown helper in a partial shows at start-up, not at the first email.
      hbs.precompile(`{{> ${entry}}}`, options);
      return hbs.compile(`{{> ${entry}}}`, options);
    } catch (error) {
      throw new TemplateConfigError(`account email templates: ${(error as Error).message}`, { cause: error });
    }
  };
  const htmlBody = compile(html, 'account_emails', true);
  const textBody = compile(text, 'account_emails', false);
  const subject = compile(text, 'account_subject', false);
  return {
    render(type, context) {
      const view = { ...context, type };
      return {
        subject: subject(view).replace(/\s+/g, ' ').trim(),
        html: `${htmlBody(view).trim()}\n`,
        text: `${textBody(view)
          .replace(/[ \t]+$/gm, '')
          .replace(/\n{3,}/g, '\n\n')
          .trim()}\n`,
      };
    },
  };
}

/** Minutes as people say them: whole hours from two hours up. */
export function durationText(minutes: number): string {
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export interface AccountEmailDeps {
  ids: Ids;
  clock: Clock;
  enqueue: Enqueue;
  publicUrl: string;
  branding: Branding;
  transport: Pick<EmailTransport, 'kind'>;
  renderer: AccountEmailRenderer;
}

export interface AccountEmail {
  type: AccountMessageType;
  /** Unique per message (the token's id): a retried transaction writes it once. */
  dedupeKey: string;
  to: string;
  name: string;
  customerId: string | null;
  link: string | null;
  expiresInMinutes: number | null;
}

/**
 * Writes the message and its send job inside the caller's transaction (the token it carries is
 * written in the same one). Account emails are not subject to the customer's preferences: they are
 * what the customer just asked for, or a security notice.
 */
export async function queueAccountEmail(trx: Trx, deps: AccountEmailDeps, email: AccountEmail): Promise<string | null> {
  const rendered = deps.renderer.render(email.type, {
    shop: deps.branding,
    name: email.name,
    email: email.to,
    link: email.link,
    expires_in: email.expiresInMinutes === null ? null : durationText(email.expiresInMinutes),
    portal_url: `${deps.publicUrl}/portal`,
  });
  return queueEmail(trx, deps, { dedupeKey: email.dedupeKey, type: email.type, to: email.to, customerId: email.customerId, rendered });
}
