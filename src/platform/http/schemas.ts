/** Schemas shared by every capability's routes: problems, list envelopes, pagination. */
import { Type, type TSchema } from '@sinclair/typebox';
import { AppError } from '../errors.js';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details with a stable `code`' },
);

/** Error answers every authenticated route may give, for the OpenAPI document and the serializer. */
export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  402: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  413: Type.Ref('Problem'),
  415: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
  500: Type.Ref('Problem'),
  503: Type.Ref('Problem'),
} as const;

/**
 * The 200 of a route that answers a file (a PDF, a carrier's label), for the OpenAPI document: its
 * media types with a binary body. Documented as `Type.Unknown()` (JSON) or not at all, the file
 * answer broke the route's own contract (found by test/fuzz/routes.fuzz.test.ts). A Buffer payload
 * is sent as it is, never through the serializer.
 */
export function fileResponse(description: string, mediaTypes: readonly string[] = ['application/pdf']) {
  return { description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
}

/** What a carrier's label may be (the carrier adapters' labels.ts), and the fallback when the carrier named none. */
export const LABEL_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/gif', 'application/zpl', 'application/epl', 'application/octet-stream'] as const;

export function listOf<T extends TSchema>(item: T) {
  return Type.Object({ data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_\-:.]{1,150}$/.test(value)) {
    throw new AppError('validation_failed', 'cursor is not one this server issued', { errors: [{ path: 'query.cursor', message: 'is invalid' }] });
  }
  return value;
}

/** Splits a fetched page of limit+1 rows into the page and the next cursor. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string): { data: T[]; next_cursor: string | null } {
  if (rows.length <= limit) return { data: rows, next_cursor: null };
  const data = rows.slice(0, limit);
  return { data, next_cursor: encodeCursor(keyOf(data[data.length - 1]!)) };
}
