/** Inventory: warehouses, stock levels, the movement ledger, and order reservations. */
export { inventoryRoutes } from './inventory.routes.js';
export { warehouseRoutes } from './warehouses.routes.js';
export { createWarehouse } from './create-warehouse.js';
export { adjustStock, setStockCount } from './change-stock.js';
export { reserveForOrder, settleReservation, orderAllocations, warehousesByDistance } from './reservation.js';
export { receiveReturnedStock, type ReturnedUnits } from './returned-stock.js';
export { sumBySku, planAllocation } from './allocation.js';
export { ledgerMismatches, queryStock, applyMovements, ensureStockRow, atOrBelowReorderPoint } from './stock.repository.js';
export type { MovementContext } from './stock.repository.js';
export { AddressSchema, type Address, type Warehouse } from './warehouse.schemas.js';
export { findWarehousesByIds, findWarehouseByCode } from './warehouse.repository.js';
