/** Shapes of delivery feedback: the customer's PUT, the feedback an order shows, the staff list. */
import { Type, type Static } from '@sinclair/typebox';
import { MAX_FEEDBACK_COMMENT } from './feedback-rules.js';

export const FeedbackSchema = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String(),
    updated_at: Type.String({ description: 'When the rating or comment last changed' }),
  },
  { $id: 'DeliveryFeedback' },
);
export type Feedback = Static<typeof FeedbackSchema>;

export const FeedbackBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: '1 (bad) to 5 (great) stars' }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: MAX_FEEDBACK_COMMENT }), Type.Null()], { description: `At most ${MAX_FEEDBACK_COMMENT} characters; trimmed, empty is none` })),
  },
  { additionalProperties: false },
);
export type FeedbackInput = Static<typeof FeedbackBody>;

export const FeedbackListItemSchema = Type.Object({
  order_id: Type.String(),
  order_number: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type FeedbackListItem = Static<typeof FeedbackListItemSchema>;

export const ListFeedbackQuery = Type.Object({
  max_rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Only ratings up to this (max_rating=2: the unhappy ones)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
