/**
 * Who is calling, and may they call this route. Every route declares `config.access`: `public`, or
 * the least staff role it needs. A route under /api/v1 that forgets to declare it is treated as
 * admin-only, so a new route is never open by accident.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findActiveKeyByHash, hashApiKey, type Role } from './api-keys.js';

export type Access = 'public' | Role;

export interface Principal {
  kind: 'api_key';
  id: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Revocation reaches every process within this time; lookups inside it cost no query. */
const KEY_CACHE_MS = 5_000;
const KEY_CACHE_LIMIT = 10_000;

export function principalLabel(principal: Principal | null): string {
  return principal ? `${principal.kind}:${principal.id}` : 'anonymous';
}

export function installAuth(app: FastifyInstance, db: Db, now: () => number = Date.now): void {
  const cache = new Map<string, { principal: Principal | null; until: number }>();

  async function principalFor(token: string): Promise<Principal | null> {
    const keyHash = hashApiKey(token);
    const cached = cache.get(keyHash);
    if (cached && cached.until > now()) return cached.principal;
    const key = await findActiveKeyByHash(db, keyHash);
    const principal: Principal | null = key ? { kind: 'api_key', id: key.id, role: key.role } : null;
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(keyHash, { principal, until: now() + KEY_CACHE_MS });
    return principal;
  }

  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const underApi = request.url.startsWith('/api/');
    // A path or method no route matches needs only a valid key under /api/, so that the not-found
    // handler answers 404. Treating it as an undeclared (admin-only) route answered an operator's
    // `DELETE /api/v1/orders` with 403 "needs the admin role": wrong code, and it implied the route
    // exists (found by test/api/bad-input.test.ts).
    const access: Access = request.is404 ? (underApi ? 'viewer' : 'public') : (request.routeOptions.config?.access ?? (underApi ? 'admin' : 'public'));
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
      if (!match) throw new AppError('unauthorized', 'Authorization must be "Bearer <api key>"');
      request.principal = await principalFor(match[1]!);
      if (!request.principal) throw new AppError('unauthorized', 'The API key is not valid or was revoked');
    }
    if (access === 'public') return;
    if (!request.principal) throw new AppError('unauthorized', 'This route needs an API key: Authorization: Bearer <key>');
    if (rank[request.principal.role] < rank[access]) {
      throw new AppError('forbidden', `This route needs the ${access} role; the key has ${request.principal.role}`);
    }
  });
}
