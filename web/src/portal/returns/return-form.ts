/**
 * The return form's rules, pure: the request body from what the customer chose (only lines with a
 * quantity), what is missing before sending, and the server's field errors (`lines[2].reason`,
 * numbered in the body sent) put back beside the form's lines, which are keyed by SKU.
 */
import type { PortalReturnRequest } from '../../api/index.js';

export type Resolution = 'refund' | 'same' | 'other';

export interface LineChoice {
  quantity: number;
  reason: string;
  resolution: Resolution;
  /** The SKU wanted instead, for `other`. */
  exchangeSku: string;
}

export const emptyChoice: LineChoice = { quantity: 0, reason: '', resolution: 'refund', exchangeSku: '' };

/** A message for a field of a line (`field`: quantity, reason, exchange_sku) or of the form (`sku` null: comment, the request). */
export interface FormProblem {
  sku: string | null;
  field: string;
  message: string;
}

export interface Built {
  body: PortalReturnRequest;
  /** The SKU of each line of the body, in order: lines[i] of a server error is skus[i]. */
  skus: string[];
  problems: FormProblem[];
}

export function buildRequest(skus: readonly string[], choices: Readonly<Record<string, LineChoice>>, comment: string): Built {
  const problems: FormProblem[] = [];
  const lines: PortalReturnRequest['lines'] = [];
  const sent: string[] = [];
  for (const sku of skus) {
    const choice = choices[sku] ?? emptyChoice;
    if (choice.quantity <= 0) continue;
    if (choice.reason === '') problems.push({ sku, field: 'reason', message: 'choose why you are sending it back' });
    const exchange = choice.resolution === 'same' ? sku : choice.resolution === 'other' ? choice.exchangeSku.trim() : null;
    if (choice.resolution === 'other' && exchange === '') problems.push({ sku, field: 'exchange_sku', message: 'say which item you want instead' });
    lines.push({ sku, quantity: choice.quantity, reason: choice.reason, ...(exchange ? { exchange_sku: exchange } : {}) });
    sent.push(sku);
  }
  if (lines.length === 0) problems.push({ sku: null, field: 'lines', message: 'Choose how many of at least one item to return.' });
  const trimmed = comment.trim();
  return { body: { lines, ...(trimmed ? { comment: trimmed } : {}) }, skus: sent, problems };
}

const LINE_PATH = /^(?:body\.)?lines\[(\d+)\]\.(\w+)$/;

/** The server's `errors` beside the lines they name; a non-returnable SKU shows at its quantity. */
export function problemsFromServer(errors: ReadonlyArray<{ path: string; message: string }>, sentSkus: readonly string[]): FormProblem[] {
  return errors.map((e) => {
    const match = LINE_PATH.exec(e.path);
    const sku = match ? (sentSkus[Number(match[1])] ?? null) : null;
    if (match && sku !== null) return { sku, field: match[2] === 'sku' ? 'quantity' : match[2]!, message: e.message };
    return { sku: null, field: e.path.replace(/^body\./, ''), message: e.message };
  });
}

export function problemAt(problems: readonly FormProblem[], sku: string, field: string): string | null {
  return problems.find((p) => p.sku === sku && p.field === field)?.message ?? null;
}
