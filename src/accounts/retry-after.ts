import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';

/**
 * API.md: a 429 carries Retry-After. The throttle's errors say the seconds in `retry_after`; this
 * hook copies them into the header for the routes of the plugin it is installed in.
 */
export function installRetryAfter(app: App): void {
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof AppError && error.code === 'rate_limited' && typeof error.extras.retry_after === 'number') {
      void reply.header('Retry-After', String(error.extras.retry_after));
    }
  });
}
