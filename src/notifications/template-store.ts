/**
 * Where message templates come from: the built-in folder `templates/notifications/` at the package
 * root, and the shop's override folder, whose files replace built-in files of the same name. Read
 * once, at start-up (the renderer compiles them then), so a bad override folder stops the server
 * with a clear message instead of failing each message later.
 *
 * File names say what a file is:
 *   `<message type>.<subject|html|text|sms>.hbs`  one part of one message;
 *   `<supplier message>.<subject|html|text>.hbs`   one part of a message to a supplier
 *                                                  (supplier-message-types.ts: no SMS part);
 *   `<name>.html.hbs`                              a partial for HTML parts;
 *   `<name>.text.hbs`                              a partial for text, SMS and subjects;
 *   `<name>.hbs`                                   a partial for both (escaped in HTML, raw in text).
 * Files that do not end in `.hbs` (a README, editor backups) are ignored.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSupplierMessage, supplierMessageParts, supplierMessageTypes, type SupplierMessagePart, type SupplierMessageType } from './supplier-message-types.js';
import { messageTypes, type MessageType } from './types.js';

export const messageParts = ['subject', 'html', 'text', 'sms'] as const;
export type MessagePart = (typeof messageParts)[number];

/** Which Handlebars instance a partial is registered in: HTML, text (text, SMS, subject), or both. */
export type PartialTarget = 'html' | 'text' | 'shared';

export type TemplateRole =
  | { kind: 'message'; type: MessageType; part: MessagePart }
  | { kind: 'supplier_message'; type: SupplierMessageType; part: SupplierMessagePart }
  | { kind: 'partial'; name: string; target: PartialTarget };

export interface TemplateSource {
  /** The file name, the key an override replaces (`shipped.html.hbs`). */
  file: string;
  /** Where it was read from, for error messages. */
  path: string;
  source: string;
  role: TemplateRole;
  /** True when it came from the override folder. */
  overridden: boolean;
}

/** The template folder cannot be used: the caller turns this into a configuration error. */
export class TemplateConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateConfigError';
  }
}

const PARTIAL_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** What a file name means, or null when it is not a template name Waybill knows. */
export function templateRole(file: string): TemplateRole | null {
  if (!file.endsWith('.hbs')) return null;
  const pieces = file.slice(0, -'.hbs'.length).split('.');
  const [name, part] = pieces;
  if (name === undefined || !PARTIAL_NAME.test(name) || pieces.length > 2) return null;
  if (part === undefined) return { kind: 'partial', name, target: 'shared' };
  if ((messageTypes as readonly string[]).includes(name) && (messageParts as readonly string[]).includes(part)) {
    return { kind: 'message', type: name as MessageType, part: part as MessagePart };
  }
  if (isSupplierMessage(name) && (supplierMessageParts as readonly string[]).includes(part)) {
    return { kind: 'supplier_message', type: name, part: part as SupplierMessagePart };
  }
  // `shipped.html.hbs` above is a message part; any other `<name>.html.hbs` is a partial.
  if (part === 'html' || part === 'text') return { kind: 'partial', name, target: part };
  return null;
}

let builtInDir: string | null = null;

/**
 * The built-in folder. Found from the package root (the nearest folder up with a package.json), not
 * by a fixed `../..`: this file runs from src/notifications/ under tsx and vitest and from
 * dist/src/notifications/ once built, one level deeper; the templates are never copied into dist.
 */
export function builtInTemplateDir(): string {
  if (builtInDir !== null) return builtInDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) break;
    const up = path.dirname(dir);
    if (up === dir) throw new TemplateConfigError(`notification templates: no package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  const found = path.join(dir, 'templates', 'notifications');
  if (!existsSync(found)) throw new TemplateConfigError(`notification templates: the built-in folder ${found} is missing (a broken install?)`);
  builtInDir = found;
  return found;
}

function readFolder(dir: string, overridden: boolean): TemplateSource[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new TemplateConfigError(`notification templates: cannot read the folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const sources: TemplateSource[] = [];
  for (const file of names.sort()) {
    if (!file.endsWith('.hbs') || file.startsWith('.')) continue;
    const full = path.join(dir, file);
    if (!statSync(full).isFile()) continue;
    const role = templateRole(file);
    if (role === null) {
      throw new TemplateConfigError(
        `notification templates: ${full} is not a template name Waybill knows; a message part is <type>.<subject|html|text|sms>.hbs with type one of ${messageTypes.join(', ')}, a supplier message part is <type>.<subject|html|text>.hbs with type one of ${supplierMessageTypes.join(', ')}, a partial is <name>.html.hbs, <name>.text.hbs or <name>.hbs`,
      );
    }
    sources.push({ file, path: full, source: readFileSync(full, 'utf8'), role, overridden });
  }
  return sources;
}

/**
 * Every template: the built-in ones with the override folder's files in place of those of the same
 * name (and its own partials added). Throws TemplateConfigError when the override folder is missing,
 * not a folder, unreadable or holds a file whose name means nothing.
 */
export function loadTemplateSources(overrideDir: string | null): TemplateSource[] {
  const builtIn = builtInTemplateDir();
  const byFile = new Map<string, TemplateSource>();
  for (const source of readFolder(builtIn, false)) byFile.set(source.file, source);
  for (const type of messageTypes) {
    for (const part of messageParts) {
      if (!byFile.has(`${type}.${part}.hbs`)) throw new TemplateConfigError(`notification templates: ${path.join(builtIn, `${type}.${part}.hbs`)} is missing (a broken install?)`);
    }
  }
  for (const type of supplierMessageTypes) {
    for (const part of supplierMessageParts) {
      if (!byFile.has(`${type}.${part}.hbs`)) throw new TemplateConfigError(`notification templates: ${path.join(builtIn, `${type}.${part}.hbs`)} is missing (a broken install?)`);
    }
  }
  if (overrideDir !== null && overrideDir !== '') {
    const dir = path.resolve(overrideDir);
    let isFolder: boolean;
    try {
      isFolder = statSync(dir).isDirectory();
    } catch (error) {
      throw new TemplateConfigError(`notification templates: the override folder ${dir} does not exist or cannot be read`, { cause: error });
    }
    if (!isFolder) throw new TemplateConfigError(`notification templates: the override folder ${dir} is not a folder`);
    for (const source of readFolder(dir, true)) byFile.set(source.file, source);
  }
  return [...byFile.values()];
}
