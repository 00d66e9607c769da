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
