import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import { isUniqueViolation, type Executor } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { locate } from '../platform/geo/gazetteer.js';
import type { Ids } from '../platform/ids.js';
import { insertWarehouse } from './warehouse.repository.js';
import type { CreateWarehouseInput, Warehouse } from './warehouse.schemas.js';

/** Creates a warehouse; without coordinates they come from the gazetteer (the address's city). */
export async function createWarehouse(db: Executor, deps: { clock: Clock; ids: Ids }, input: CreateWarehouseInput): Promise<Warehouse> {
  if ((input.latitude === undefined) !== (input.longitude === undefined)) {
    throw validationError([{ path: input.latitude === undefined ? 'latitude' : 'longitude', message: 'give both latitude and longitude, or neither' }]);
  }
  let latitude = input.latitude;
  let longitude = input.longitude;
  if (latitude === undefined || longitude === undefined) {
    const place = locate(input.address.country, input.address.city, input.address.region);
    if (!place || place.precision !== 'city') {
      throw validationError([{ path: 'address.city', message: 'this city is not in the gazetteer: give latitude and longitude' }]);
    }
    latitude = place.latitude;
    longitude = place.longitude;
  }
  const warehouse: Warehouse = {
    id: deps.ids.new('wh'),
    code: input.code,
    name: input.name,
    address: input.address,
    latitude,
    longitude,
    created_at: isoTime(deps.clock.now()),
  };
  try {
    await insertWarehouse(db, warehouse);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A warehouse with code ${input.code} already exists`);
    throw error;
  }
  return warehouse;
}
