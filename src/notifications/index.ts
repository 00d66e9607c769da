/** Notifications: the customer's email and SMS at every stage, exactly once; preferences; the dev outbox. */
export { planNotifications, SEND_NOTIFICATION_JOB } from './plan-notifications.js';
export { notificationRoutes } from './notifications.routes.js';
export { notificationJobHandlers } from './jobs.js';
export type { NotificationDeps } from './notification-deps.js';
export type { MessageType, Channel } from './types.js';
export { accountMessageTypes, createAccountEmailRenderer, queueAccountEmail, type AccountEmailDeps, type AccountMessageType } from './account-email.js';
export { PreferencesBody, PreferencesSchema } from './notifications.routes.js';
export { preferencesOf, setPreferences } from './preference.repository.js';
export { preferencesFrom, type Preferences } from './preferences.js';
/** Emails to suppliers (a purchase order with its PDF): written in the caller's transaction, sent by the same job. */
export { createSupplierEmailRenderer, queueSupplierEmail, type SupplierEmail, type SupplierEmailDeps, type SupplierEmailRenderer } from './supplier-messages.js';
export { supplierEmailDepsOf } from './supplier-email-deps-of.js';
export { supplierMessageTypes, type PurchaseOrderEmailContext, type SupplierAddress, type SupplierMessageType } from './supplier-message-types.js';
export type { AttachmentRef } from './attachments.js';
