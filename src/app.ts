/**
 * buildApp(deps): the HTTP application with every platform plugin and capability route registered,
 * not yet listening (tests use it directly; cli.ts listens). The only file besides cli.ts and
 * deps.ts that knows every capability.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { movedLinkPages, portalAuthRoutes, sessionAuthOf, staffAuthRoutes, staffUserRoutes } from './accounts/index.js';
import { analyticsRoutes } from './analytics/index.js';
import { catalogRoutes } from './catalog/index.js';
import { customerRoutes } from './customers/index.js';
import type { Deps } from './deps.js';
import { inventoryRoutes, warehouseRoutes } from './inventory/index.js';
import { fulfillmentRoutes } from './fulfillment/index.js';
import { jobRoutes } from './platform/jobs/index.js';
import { feedbackRoutes, orderDepsOf, orderRoutes, paymentWebhookRoutes, refundRoutes } from './orders/index.js';
import { isConnectionFailure } from './platform/db/database.js';
import { AppError } from './platform/errors.js';
import { apiKeyRoutes } from './platform/http/api-keys.routes.js';
import { createApiKeyCache, installAuth, principalLabel } from './platform/http/auth.js';
import { frameworkErrorHandler, installErrorHandling } from './platform/http/errors.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { installMetrics } from './platform/http/metrics.js';
import { answerClientError } from './platform/http/client-errors.js';
import { applySecurityHeaders, installSecurityHeaders, securityHeadersOf } from './platform/http/security-headers.js';
import { ProblemSchema } from './platform/http/schemas.js';
import type { App } from './platform/http/types.js';
import { installValidation } from './platform/http/validation.js';
import { webAppRoutes } from './platform/http/web-app.routes.js';
import { shipmentRoutes } from './shipping/index.js';
import { replenishmentDepsOf, replenishmentRoutes } from './replenishment/index.js';
import { portalReturnRoutes, returnDepsOf, returnReceiptRoutes, returnRoutes } from './returns/index.js';
import { shippingDepsOf } from './shipping/shipping-deps-of.js';
import { carrierWebhookRoutes, simTrackingRoutes, trackingRoutes } from './tracking/index.js';
import { notificationRoutes } from './notifications/index.js';
import { notificationDepsOf } from './notifications/notification-deps-of.js';
// Customer portal data (GET /portal/orders…, GET/PUT /portal/preferences).
import { portalRoutes } from './portal/index.js';
import { webhookDepsOf, webhookRoutes } from './webhooks/index.js';
// Live streams (GET /api/v1/stream, GET /portal/stream).
import { streamRoutes } from './streams/index.js';

export const API_PREFIX = '/api/v1';

/**
 * What the interactive API docs (/docs, Swagger UI) may load: its own scripts and styles, inline
 * styles (the UI sets style attributes), its data: icons, and the document it fetches from here.
 */
const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildApp(deps: Deps): Promise<App> {
  const securityHeaders = securityHeadersOf({ https: deps.config.publicUrl.startsWith('https://') });
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !deps.config.requestLogging }),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: false,
    return503OnClosing: true,
    ajv: { customOptions: { coerceTypes: 'array' } },
    // Requests the HTTP parser cannot read get a problem+json 400 too (Fastify's default is plain JSON).
    clientErrorHandler: (error, socket) => answerClientError(error, socket, securityHeaders),
    // Answers to requests no route was matched for (a path that is not valid UTF-8) carry the security headers too.
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(reply, securityHeaders);
      frameworkErrorHandler(error, request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Before every other hook: a request refused by authentication gets them as well.
  installSecurityHeaders(app, securityHeaders);

  // Every body this API takes is JSON. Fastify also parses text/plain by default, so a JSON order
  // sent as text/plain reached the schema as a string and answered 422 "must be object" instead of
  // 415 unsupported_media_type (found by test/api/bad-input.test.ts). A route that ever needs raw
  // text adds its own parser in its own scope.
  app.removeContentTypeParser('text/plain');

  app.addSchema(ProblemSchema);
  installValidation(app, [ProblemSchema]);
  installErrorHandling(app, isConnectionFailure);

  await app.register(swagger, {
    // Shared schemas appear in components under their $id (`Order`, `Problem`…), not `def-0`…: names
    // that stay put when a schema is added, for the web app's generated types (scripts/gen-api.ts).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Waybill', version: '1', description: 'Order management, fulfillment and shipment tracking. Contract: API.md.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Waybill API key' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' }, staticCSP: DOCS_CONTENT_SECURITY_POLICY });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // Accounts and browser sessions (src/accounts): the cookie parser first, since the auth hook
  // reads the session cookies; the sign-in routes are registered with the other routes below.
  await app.register(cookie);
  // Shared with the API key routes: a revoked key stops working at once in this process.
  const keyCache = createApiKeyCache();
  installAuth(app, deps.db, { sessions: sessionAuthOf(deps), keyCache });
  if (deps.config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: deps.config.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'preHandler',
      allowList: (request) => !request.url.startsWith('/api/'),
      keyGenerator: (request) => (request.principal ? principalLabel(request.principal) : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `More than ${context.max} requests a minute; retry in ${Math.ceil(context.ttl / 1000)} s`, {
          retry_after: Math.ceil(context.ttl / 1000),
        }),
    });
  }
  installMetrics(app);
  await app.register(healthRoutes(deps.db));
  // Accounts: customer (/portal/auth/*) and staff (/auth/*) sign-in.
  await app.register(portalAuthRoutes(deps));
  // Customer portal: the signed-in customer's own orders and preferences (/portal/orders…, /portal/preferences).
  await app.register(portalRoutes(deps), { prefix: '/portal' });
  const returns = returnDepsOf(deps);
  await app.register(portalReturnRoutes(returns), { prefix: '/portal' });
  await app.register(staffAuthRoutes(deps));
  await app.register(paymentWebhookRoutes(orderDepsOf(deps)));
  const shipping = shippingDepsOf(deps);
  await app.register(carrierWebhookRoutes(shipping));
  await app.register(simTrackingRoutes(shipping));

  await app.register(
    async (api: App) => {
      await api.register(catalogRoutes(deps));
      await api.register(warehouseRoutes(deps));
      await api.register(inventoryRoutes(deps));
      await api.register(customerRoutes(deps));
      await api.register(orderRoutes(deps));
      await api.register(fulfillmentRoutes(deps));
      await api.register(jobRoutes(deps));
      await api.register(shipmentRoutes(shipping));
      await api.register(trackingRoutes(shipping));
      await api.register(notificationRoutes(notificationDepsOf(deps)));
      await api.register(webhookRoutes(webhookDepsOf(deps)));
      await api.register(returnRoutes(returns));
      await api.register(returnReceiptRoutes(returns));
      await api.register(refundRoutes(deps));
      await api.register(replenishmentRoutes(replenishmentDepsOf(deps)));
      // The admin web app's own needs: staff users, API keys, dashboard figures, delivery feedback.
      await api.register(staffUserRoutes(deps));
      await api.register(apiKeyRoutes({ db: deps.db, clock: deps.clock, ids: deps.ids, keyCache }));
      await api.register(analyticsRoutes(deps));
      await api.register(feedbackRoutes(deps));
    },
    { prefix: API_PREFIX },
  );
  // Live streams: both routes (staff under API_PREFIX, and the portal's) share one set of open connections.
  await app.register(streamRoutes(deps, API_PREFIX));
  // The web app's pages (/track/*, /account/*, /admin/*) and built files, from dist/web.
  await app.register(webAppRoutes({ dir: deps.config.webDir, redirects: movedLinkPages }));
  return app;
}
