/**
 * Fills a message's templates (subject, HTML, text, SMS) from its context. Everything is compiled
 * and checked once, when the renderer is created: a syntax error, an unknown helper, a partial that
 * does not exist or raw output in HTML in an override folder stops start-up with the file named,
 * instead of dead-lettering every message of that type later.
 *
 * Two Handlebars instances: HTML escapes every value (customer names, carrier texts); text, SMS and
 * subjects are not HTML and are not escaped ("Tom & Jerry" stays as typed). Rendering is pure: the
 * same context gives the same message.
 */
import Handlebars from 'handlebars';
import { cssColor, formatAmount, formatDate } from './format.js';
import { loadTemplateSources, TemplateConfigError, type MessagePart, type TemplateSource } from './template-store.js';
import type { MessageContext, MessageType, RenderedMessage } from './types.js';

export interface Renderer {
  render(type: MessageType, ctx: MessageContext): RenderedMessage;
}

type Hbs = typeof Handlebars;
type Template = Handlebars.TemplateDelegate;

/** The SMS contract's hard limit (types.ts); templates aim at one 160-character segment. */
export const SMS_MAX_LENGTH = 320;

const helperNames = ['money', 'date', 'eq', 'cssColor'] as const;

function newInstance(): Hbs {
  const hbs = Handlebars.create();
  // Handlebars passes its options object as the last argument: `{{date x}}` has it as `style`.
  hbs.registerHelper('money', (amount: unknown, currency: unknown) => formatAmount(amount, currency));
  hbs.registerHelper('date', (value: unknown, style: unknown) => formatDate(value, style === 'long' ? 'long' : 'short'));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('cssColor', (value: unknown) => cssColor(value));
  return hbs;
}

function compileOptions(html: boolean): CompileOptions {
  const knownHelpers: Record<string, boolean> = {};
  for (const name of helperNames) knownHelpers[name] = true;
  // knownHelpersOnly: a misspelt helper is a compile error at start-up, not a runtime one.
  return { knownHelpers: knownHelpers as CompileOptions['knownHelpers'], knownHelpersOnly: true, noEscape: !html };
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function walk(node: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') visit(record as AstNode);
  for (const [key, value] of Object.entries(record)) if (key !== 'loc' && typeof value === 'object') walk(value, visit);
}

function literalName(node: unknown): string | null {
  const n = node as AstNode;
  if (n.type === 'PathExpression') return n.original as string;
  if (n.type === 'StringLiteral' || n.type === 'NumberLiteral') return String(n.value);
  return null; // a dynamic partial `{{> (expr)}}`: nothing to check ahead
}

export interface Compiled {
  source: TemplateSource;
  fn: Template;
  /** Partials it calls, minus the ones it defines inline. */
  calls: Set<string>;
}

/** Parses and compiles one template now, with the checks every message gets (also used by supplier-messages.ts). */
export function compile(hbs: Hbs, source: TemplateSource, html: boolean): Compiled {
  const where = `notification template ${source.path}`;
  let ast: hbs.AST.Program;
  try {
    ast = hbs.parse(source.source);
  } catch (error) {
    throw new TemplateConfigError(`${where}: ${(error as Error).message}`, { cause: error });
  }
  const calls = new Set<string>();
  const inline = new Set<string>();
  walk(ast, (node) => {
    if (html && node.type === 'MustacheStatement' && node.escaped === false) {
      // Every value a message shows is data (customer, address, carrier texts): none may reach the
      // HTML unescaped.
      throw new TemplateConfigError(`${where}: {{{…}}} and {{&…}} would put data into the HTML unescaped; use {{…}}`);
    }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = literalName(node.name);
      if (name !== null && name !== '@partial-block') calls.add(name);
    }
    if (node.type === 'DecoratorBlock' && (node.path as AstNode).original === 'inline') {
      const name = literalName((node.params as unknown[])[0]);
      if (name !== null) inline.add(name);
    }
  });
  for (const name of inline) calls.delete(name);
  const options = compileOptions(html);
  try {
    // compile() defers its work to the first call; precompile() runs the compiler now, so that an
    // unknown helper is found at start-up.
    hbs.precompile(ast, options);
  } catch (error) {
    throw new TemplateConfigError(`${where}: ${(error as Error).message}`, { cause: error });
  }
  return { source, fn: hbs.compile(source.source, options), calls };
}

/** One Handlebars instance with its partials: the specific kind wins over a shared one of the same name. */
export function instanceWithPartials(sources: TemplateSource[], target: 'html' | 'text'): { hbs: Hbs; partials: Map<string, Compiled> } {
  const hbs = newInstance();
  const partials = new Map<string, Compiled>();
  const html = target === 'html';
  for (const pass of ['shared', target] as const) {
    for (const source of sources) {
      if (source.role.kind === 'partial' && source.role.target === pass) partials.set(source.role.name, compile(hbs, source, html));
    }
  }
  for (const [name, partial] of partials) hbs.registerPartial(name, partial.fn);
  return { hbs, partials };
}

export function checkCalls(compiled: Compiled, partials: Map<string, Compiled>, target: string): void {
  for (const name of compiled.calls) {
    if (!partials.has(name)) {
      throw new TemplateConfigError(`notification template ${compiled.source.path}: calls the partial "${name}", which no ${target} partial file (${name}.${target}.hbs or ${name}.hbs) defines`);
    }
  }
}

/** How the tracking rules' incident reads for a customer; templates choose their words by it. */
export type IncidentKind = 'failed_attempt' | 'address_problem' | 'refused' | 'customs' | 'lost' | 'damaged' | 'returned_to_sender' | 'weather' | 'late' | 'other';

/**
 * The attention reason (shipment_late, no_scan, failed_attempt, exception, lost, damaged,
 * returned_to_sender) with the carrier's detail → what the customer is told. The detail wins where
 * it changes what to do: a failed attempt for a bad address needs the address corrected, not a
 * redelivery booked.
 */
export function incidentKind(reason: string, detail: string | null): IncidentKind {
  if (reason === 'returned_to_sender') return 'returned_to_sender';
  if (reason === 'lost' || detail === 'lost') return 'lost';
  if (reason === 'damaged' || detail === 'carrier_damage') return 'damaged';
  if (detail === 'address_problem') return 'address_problem';
  if (detail === 'refused') return 'refused';
  if (detail === 'customs' || detail === 'held_for_payment') return 'customs';
  if (reason === 'failed_attempt') return 'failed_attempt';
  if (detail === 'weather') return 'weather';
  if (reason === 'shipment_late' || reason === 'no_scan' || detail === 'delayed' || detail === 'carrier_delay') return 'late';
  return 'other';
}

/** Links from outside Waybill (carrier, configuration) only as http(s): no `javascript:` in an href. */
function webUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'https:' || protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

/** The context as templates see it: links checked, and what a template cannot work out itself. */
function viewOf(ctx: MessageContext): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ...ctx,
    shop: { ...ctx.shop, logoUrl: webUrl(ctx.shop.logoUrl), websiteUrl: webUrl(ctx.shop.websiteUrl) },
    rating_url: webUrl(ctx.rating_url),
    incident_kind: ctx.incident ? incidentKind(ctx.incident.reason, ctx.incident.detail) : null,
  };
  if (ctx.shipment) view.shipment = { ...ctx.shipment, carrier_tracking_url: webUrl(ctx.shipment.carrier_tracking_url) };
  if (ctx.return) view.return = { ...ctx.return, label_url: webUrl(ctx.return.label_url) };
  if (ctx.cancellation) {
    // The cancellation names SKUs; the customer knows the products by name.
    const names = new Map(ctx.order.lines.map((line) => [line.sku, line.name]));
    const lines = ctx.cancellation.lines.length > 0 ? ctx.cancellation.lines : ctx.cancellation.whole ? ctx.order.lines : [];
    view.cancellation_lines = lines.map((line) => ({ sku: line.sku, name: names.get(line.sku) ?? line.sku, quantity: line.quantity }));
  }
  return view;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * An SMS on one line within SMS_MAX_LENGTH. Past it, the words before the link are cut rather than
 * the link: a message whose link is cut off is useless.
 */
export function fitSms(text: string): string {
  const flat = oneLine(text);
  if (flat.length <= SMS_MAX_LENGTH) return flat;
  const url = flat.match(/https?:\/\/\S+/g)?.at(-1);
  const cut = (s: string, n: number): string => s.slice(0, n).replace(/[\uD800-\uDBFF]$/, '').trimEnd();
  if (url !== undefined && url.length <= SMS_MAX_LENGTH / 2) {
    const before = flat.slice(0, flat.lastIndexOf(url)).trimEnd();
    return `${cut(before, SMS_MAX_LENGTH - url.length - 4)}... ${url}`;
  }
  return `${cut(flat, SMS_MAX_LENGTH - 3)}...`;
}

export function run(template: Compiled, view: Record<string, unknown>): string {
  try {
    return template.fn(view);
  } catch (error) {
    throw new Error(`notification template ${template.source.path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The renderer over the built-in templates and, when `overrideDir` is given, the shop's folder whose
 * files replace built-in ones of the same name (partials included). Throws TemplateConfigError when
 * the folder or a template in it cannot be used.
 */
export function createRenderer(options: { overrideDir?: string | null }): Renderer {
  const sources = loadTemplateSources(options.overrideDir ?? null);
  const html = instanceWithPartials(sources, 'html');
  const text = instanceWithPartials(sources, 'text');
  const messages = new Map<string, Compiled>();
  // Supplier messages are rendered by supplier-messages.ts; they are compiled here too so that a
  // broken one stops start-up like any template, and the partials they call count as called.
  const supplierMessages: Compiled[] = [];
  for (const source of sources) {
    if (source.role.kind !== 'message' && source.role.kind !== 'supplier_message') continue;
    const isHtml = source.role.part === 'html';
    const compiled = compile(isHtml ? html.hbs : text.hbs, source, isHtml);
    checkCalls(compiled, isHtml ? html.partials : text.partials, isHtml ? 'html' : 'text');
    if (source.role.kind === 'message') messages.set(`${source.role.type}.${source.role.part}`, compiled);
    else supplierMessages.push(compiled);
  }
  const called = new Set<string>();
  for (const [instance, target] of [
    [html, 'html'],
    [text, 'text'],
  ] as const) {
    for (const partial of instance.partials.values()) checkCalls(partial, instance.partials, target);
    for (const compiled of [...instance.partials.values(), ...messages.values(), ...supplierMessages]) for (const name of compiled.calls) called.add(name);
  }
  for (const source of sources) {
    // A partial of the shop's that nothing calls is most likely a misspelt message name
    // (`shiped.html.hbs`): say so rather than ignore the shop's template in silence.
    if (source.overridden && source.role.kind === 'partial' && !called.has(source.role.name)) {
      throw new TemplateConfigError(`notification template ${source.path}: no template calls the partial "${source.role.name}" (is the file name a misspelt message type?)`);
    }
  }

  const part = (type: MessageType, name: MessagePart): Compiled => {
    const compiled = messages.get(`${type}.${name}`);
    if (compiled === undefined) throw new Error(`notification templates: no ${name} template for message type ${String(type)}`);
    return compiled;
  };

  return {
    render(type, ctx) {
      const view = viewOf(ctx);
      return {
        subject: oneLine(run(part(type, 'subject'), view)),
        html: `${run(part(type, 'html'), view).trim()}\n`,
        text: tidyText(run(part(type, 'text'), view)),
        sms: fitSms(run(part(type, 'sms'), view)),
      };
    },
  };
}
