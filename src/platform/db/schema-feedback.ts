/** Row type of the delivery feedback table (migration 20261201000600_admin_web), kept apart from schema.ts for size. */

export interface DeliveryFeedbackTable {
  /** One feedback per order: a later rating replaces it. */
  order_id: string;
  /** 1 to 5. */
  rating: number;
  comment: string | null;
  created_at: string;
  updated_at: string;
}
