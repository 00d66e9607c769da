/**
 * Names for the generated shapes the pages use (schema.d.ts has them only by path). Shared schemas
 * with an $id on the server are `Schemas['Order']`, `Schemas['Problem']`…
 */
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];

/** The JSON body of an answer (`Json<paths['/x']['get']['responses'][200]>`). */
export type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

export type PublicTracking = Json<paths['/api/v1/track/{token}']['get']['responses'][200]>;
export type PublicShipment = PublicTracking['shipments'][number];
export type PublicTrackingEvent = PublicShipment['events'][number];

export type CustomerSession = Json<paths['/portal/auth/login']['post']['responses'][200]>;
export type Account = CustomerSession['account'];
export type StaffSession = Json<paths['/auth/login']['post']['responses'][200]>;
export type StaffUser = StaffSession['user'];

export type PortalOrderPage = Json<paths['/portal/orders']['get']['responses'][200]>;
export type PortalOrderSummary = PortalOrderPage['data'][number];
