/** Catalog: products with prices, dimensions and reorder settings. */
export { catalogRoutes } from './catalog.routes.js';
export { findProducts, findProduct } from './product.repository.js';
export { createProduct } from './create-product.js';
export type { Product } from './product.schemas.js';
export { averageDailyDemand, daysOfCover, demandWindowStart, leadTimeDaysOf, suggestedReorderQuantity, type Demand } from './reorder-rules.js';
