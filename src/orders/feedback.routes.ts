/** Staff read customers' delivery feedback (`GET /api/v1/feedback`, viewer), newest first. */
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { feedbackCursorKey, listFeedback, parseFeedbackCursorKey } from './delivery-feedback.repository.js';
import { FeedbackListItemSchema, ListFeedbackQuery } from './feedback.schemas.js';

export function feedbackRoutes(deps: { db: Db }) {
  return async (app: App) => {
    app.get(
      '/feedback',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['orders'],
          summary: 'Delivery feedback customers left, newest first',
          querystring: ListFeedbackQuery,
          response: { 200: listOf(FeedbackListItemSchema), ...problemResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        const key = decodeCursor(q.cursor);
        const before = key === undefined ? undefined : parseFeedbackCursorKey(key);
        if (before === null) throw new AppError('validation_failed', 'cursor is not one this server issued', { errors: [{ path: 'query.cursor', message: 'is invalid' }] });
        const rows = await listFeedback(deps.db, { maxRating: q.max_rating, before, limit: limit + 1 });
        return page(rows, limit, feedbackCursorKey);
      },
    );
  };
}
