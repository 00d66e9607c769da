/**
 * Serves the built web app (dist/web, from `npm run build`): index.html for every page path —
 * /track/*, /account/*, /admin/* — where React Router takes over (web/src/routes.tsx); the hashed
 * assets under /assets/ with a year's immutable cache; the other built files (sw.js, the manifest,
 * icons) revalidated on every use. `/` goes to the portal. Without a build (tests run from source)
 * the page paths answer 503: problem+json, or a short HTML note for a browser. None of these
 * routes is in the OpenAPI document: they are pages, not API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { App } from './types.js';

/** The page paths; /portal/* and /api/* are the JSON API and never among them. */
export const PAGE_PATHS = ['/track/*', '/account', '/account/*', '/admin', '/admin/*'] as const;

export interface WebAppOptions {
  /** The `vite build` output folder (config.webDir). */
  dir: string;
  /** Old page paths and where they moved (a link already mailed keeps working; the fragment survives a redirect). */
  redirects?: Readonly<Record<string, string>>;
}

/**
 * What a page may load: its own scripts only, styles inline too (React's style attributes and
 * Leaflet's positioning), images from anywhere (the shop's logo URL), no framing.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const page = { config: { access: 'public' as const }, schema: { hide: true } };

/**
 * A page's own policies; the other security headers (nosniff, DENY framing, COOP, HSTS) are every
 * answer's (security-headers.ts). The "not built" note keeps the API's load-nothing policy: it
 * loads nothing.
 */
function pageHeaders(reply: FastifyReply): FastifyReply {
  return (
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      // The tracking token is in the page's path: never hand it to another site in a Referer.
      .header('referrer-policy', 'same-origin')
  );
}

const NOT_BUILT = 'The web app is not built: run `npm run build` (it builds the server and the web app), then start the server again';

function notBuilt(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const accept = request.headers.accept ?? '';
  if (!accept.includes('text/html')) throw new AppError('service_unavailable', NOT_BUILT);
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Waybill: the web app is not built</title></head><body><main><h1>The web app is not built</h1>' +
        '<p>Run <code>npm run build</code> (it builds the server and the web app), then start the server again. ' +
        'The API works meanwhile: <a href="/docs">/docs</a>.</p></main></body></html>',
    );
}

export function webAppRoutes(options: WebAppOptions) {
  return async (app: App) => {
    app.get('/', page, async (_request, reply) => reply.redirect('/account', 302));
    for (const [from, to] of Object.entries(options.redirects ?? {})) {
      app.get(from, page, async (_request, reply) => reply.redirect(to, 301));
    }

    if (!existsSync(join(options.dir, 'index.html'))) {
      app.log.warn({ dir: options.dir }, 'the web app is not built (npm run build): its pages answer 503');
      for (const path of PAGE_PATHS) app.get(path, page, async (request, reply) => notBuilt(request, reply));
      return;
    }

    // Hashed names (index-3f9a….js): a new build makes new names, so a year's cache is safe.
    // .br and .gz copies sit beside each file (web/build/precompress-plugin.ts).
    // The page policy on the built files too: a service worker (sw.js) or a worker chunk runs under
    // the policy it was served with, and the API's load-nothing one would stop its fetches.
    await app.register(fastifyStatic, {
      root: join(options.dir, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      preCompressed: true,
      setHeaders: (reply) => void pageHeaders(reply),
    });
    // sw.js, manifest.webmanifest, icons, favicon: fixed names, so the browser asks again each time (304 when unchanged).
    await app.register(fastifyStatic, {
      root: options.dir,
      prefix: '/',
      wildcard: false,
      index: false,
      globIgnore: ['**/index.html', 'assets/**', '**/*.map', '**/*.gz', '**/*.br'],
      cacheControl: false,
      setHeaders: (reply) => void pageHeaders(reply).header('cache-control', 'no-cache'),
      decorateReply: false,
    });
    for (const path of PAGE_PATHS) {
      app.get(path, page, async (_request, reply) => pageHeaders(reply).header('cache-control', 'no-cache').sendFile('index.html', options.dir, { cacheControl: false }));
    }
  };
}
