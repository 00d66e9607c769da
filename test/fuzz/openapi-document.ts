/**
 * The routes of the server's own GET /openapi.json, with every `$ref` to `components/schemas`
 * replaced by the schema it names, so that the request generator and the response checker read
 * plain JSON Schema.
 */
import type { JsonSchema } from './schema-arbitrary.js';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface MediaTypes {
  /** media type → schema */
  [mediaType: string]: JsonSchema;
}

export interface Operation {
  /** `METHOD /path` as the document writes it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** The request body's schema per media type, or null when the route documents none. */
  body: { required: boolean; content: MediaTypes } | null;
  /** status → media type → schema */
  responses: Record<string, MediaTypes>;
  /** `security: []`: the route needs no credentials. */
  public: boolean;
}

interface Document {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const COMPONENT = /^#\/components\/schemas\/(.+)$/;

/** The schema with its `$ref`s inlined (the document's schemas are not recursive; a cycle throws). */
export function dereference(schema: unknown, components: Record<string, JsonSchema>, seen: string[] = []): any {
  if (Array.isArray(schema)) return schema.map((s) => dereference(s, components, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  const record = schema as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const name = COMPONENT.exec(record.$ref)?.[1];
    if (name === undefined || components[name] === undefined) throw new Error(`unresolvable $ref ${record.$ref}`);
    if (seen.includes(name)) throw new Error(`recursive schema ${[...seen, name].join(' → ')}`);
    return dereference(components[name], components, [...seen, name]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (key !== '$id') out[key] = dereference(value, components, seen);
  return out;
}

function mediaTypes(content: Record<string, { schema?: unknown }> | undefined, components: Record<string, JsonSchema>): MediaTypes {
  const out: MediaTypes = {};
  for (const [type, media] of Object.entries(content ?? {})) out[type] = dereference(media.schema ?? {}, components);
  return out;
}

export function operationsOf(document: Document): Operation[] {
  const components = document.components?.schemas ?? {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const responses: Record<string, MediaTypes> = {};
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) responses[status] = mediaTypes(response.content, components);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in, required: p.required === true, schema: dereference(p.schema ?? {}, components) })),
        body: op.requestBody ? { required: op.requestBody.required === true, content: mediaTypes(op.requestBody.content, components) } : null,
        responses,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return operations;
}
