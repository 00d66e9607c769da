/**
 * Bad input to products, warehouses and inventory: problem+json with a stable code, never a 500,
 * conflicts with the current state as 409 conflict, and the ledger balanced afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { countRows, expectBooksBalance, expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('bad catalog and inventory input on %s', (dialect) => {
  let server: TestServer;
  const product = (overrides: Record<string, unknown> = {}) => ({ sku: 'NEW-1', name: 'New', unit_price: 100, currency: 'USD', ...overrides });
  const warehouse = (overrides: Record<string, unknown> = {}) => ({
    code: 'NEW',
    name: 'New warehouse',
    address: { line1: '1 Dock Rd', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' },
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG');
    await addStock(server.admin, 'MUG', 'DAL', 10);
    // 4 of the 10 are reserved by an order.
    const order = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 4 }]));
    expect(order.status, order.text).toBe(201);
  });
  afterAll(async () => server?.close());

  describe('products', () => {
    it('answers 409 conflict for a duplicate SKU and keeps the first product', async () => {
      const body = expectProblem(await server.operator.post('/api/v1/products', product({ sku: 'MUG', name: 'Impostor' })), 409, 'conflict');
      expect(body.detail).toContain('MUG');
      expect((await server.viewer.get('/api/v1/products/MUG')).body.name).toBe('Product MUG');
    });

    it('names every bad field', async () => {
      const post = (body: unknown) => server.operator.post('/api/v1/products', body);
      expectInvalid(await post({}), 'sku', 'name', 'unit_price', 'currency');
      expectInvalid(await post(product({ sku: 'has space' })), 'sku');
      expectInvalid(await post(product({ sku: '-leading-dash' })), 'sku');
      expectInvalid(await post(product({ unit_price: -1 })), 'unit_price');
      expectInvalid(await post(product({ unit_price: 19.99 })), 'unit_price');
      expectInvalid(await post(product({ unit_price: '1999' })), 'unit_price');
      expectInvalid(await post(product({ unit_price: 1e300 })), 'unit_price');
      expectInvalid(await post(product({ currency: 'usd' })), 'currency');
      expectInvalid(await post(product({ name: '' })), 'name');
      expectInvalid(await post(product({ name: 'n'.repeat(201) })), 'name');
      expectInvalid(await post(product({ weight_grams: -5 })), 'weight_grams');
      expectInvalid(await post(product({ returnable: 'yes' })), 'returnable');
      expectInvalid(await post(product({ lead_time_days: 366 })), 'lead_time_days');
      expectInvalid(await post(product({ colour: 'red' })), 'colour');
    });

    it('refuses bad changes and unknown products', async () => {
      expectInvalid(await server.operator.patch('/api/v1/products/MUG', {}));
      expectInvalid(await server.operator.patch('/api/v1/products/MUG', { sku: 'RENAMED' }), 'sku');
      expectInvalid(await server.operator.patch('/api/v1/products/MUG', { unit_price: -1 }), 'unit_price');
      expectProblem(await server.operator.patch('/api/v1/products/NOPE', { name: 'x' }), 404, 'not_found');
      expectProblem(await server.viewer.get('/api/v1/products/NOPE'), 404, 'not_found');
      expectInvalid(await server.viewer.get('/api/v1/products/bad%20sku'), 'params.sku');
    });
  });

  describe('warehouses', () => {
    it('answers 409 conflict for a duplicate code', async () => {
      expectProblem(await server.admin.post('/api/v1/warehouses', warehouse({ code: 'DAL' })), 409, 'conflict');
    });

    it('names every bad field', async () => {
      const post = (body: unknown) => server.admin.post('/api/v1/warehouses', body);
      expectInvalid(await post({}), 'code', 'name', 'address');
      expectInvalid(await post(warehouse({ code: 'no spaces' })), 'code');
      expectInvalid(await post(warehouse({ latitude: 91, longitude: 0 })), 'latitude');
      expectInvalid(await post(warehouse({ latitude: 0, longitude: -181 })), 'longitude');
      expectInvalid(await post(warehouse({ latitude: 10 })), 'longitude');
      expectInvalid(await post(warehouse({ latitude: '10', longitude: '20' })), 'latitude', 'longitude');
      expectInvalid(await post(warehouse({ address: { line1: 'x', city: 'Dallas', country: 'usa' } })), 'address.country');
      expectInvalid(await post(warehouse({ address: { line1: 'x', city: 'Nowhereville Qqq', country: 'US' } })), 'address.city');
      expectInvalid(await post(warehouse({ address: { city: 'Dallas', country: 'US' } })), 'address.line1');
      expectInvalid(await post(warehouse({ dock_doors: 4 })), 'dock_doors');
    });
  });

  describe('inventory', () => {
    const adjust = (body: Record<string, unknown>) => server.operator.post('/api/v1/inventory/adjustments', { sku: 'MUG', warehouse: 'DAL', delta: 1, reason: 'test', ...body });

    it('answers 409 conflict for an adjustment taking on_hand below what is reserved, changing nothing', async () => {
      const before = await stockOf(server.admin, 'MUG');
      expect(before).toMatchObject([{ on_hand: 10, reserved: 4 }]);
      const body = expectProblem(await adjust({ delta: -7 }), 409, 'conflict');
      expect(body).toMatchObject({ on_hand: 10, reserved: 4 });
      expectProblem(await adjust({ delta: -1_000_000_000 }), 409, 'conflict');
      expect(await stockOf(server.admin, 'MUG')).toEqual(before);
      // Down to exactly what is reserved is allowed.
      const ok = await adjust({ delta: -6 });
      expect(ok.status, ok.text).toBe(201);
      expect(ok.body).toMatchObject({ on_hand: 4, reserved: 4, available: 0 });
      expect((await adjust({ delta: 6 })).status).toBe(201);
    });

    it('answers 409 conflict for a count below what is reserved, changing nothing', async () => {
      const before = await stockOf(server.admin, 'MUG');
      const body = expectProblem(await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: 3 }), 409, 'conflict');
      expect(body).toMatchObject({ reserved: 4 });
      expect(await stockOf(server.admin, 'MUG')).toEqual(before);
      const ok = await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: 4, reason: 'count' });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toMatchObject({ on_hand: 4, reserved: 4 });
      expect((await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: 10 })).status).toBe(200);
    });

    it('names every bad adjustment field', async () => {
      expectInvalid(await server.operator.post('/api/v1/inventory/adjustments', {}), 'sku', 'warehouse', 'delta', 'reason');
      expectInvalid(await adjust({ delta: 0 }), 'delta');
      expectInvalid(await adjust({ delta: '5' }), 'delta');
      expectInvalid(await adjust({ delta: 1.5 }), 'delta');
      expectInvalid(await adjust({ delta: 1e12 }), 'delta');
      expectInvalid(await adjust({ reason: '' }), 'reason');
      expectInvalid(await adjust({ sku: 'bad sku' }), 'sku');
      expectInvalid(await adjust({ warehouse: 'bad code!' }), 'warehouse');
      expectInvalid(await adjust({ order_id: 'ord_x' }), 'order_id');
    });

    it('answers 404 for an unknown SKU or warehouse and creates no stock row for it', async () => {
      const movementsBefore = await countRows(server.deps.db, 'stock_movements');
      expectProblem(await adjust({ sku: 'NOPE' }), 404, 'not_found');
      expectProblem(await adjust({ warehouse: 'NOPE' }), 404, 'not_found');
      expectProblem(await server.operator.put('/api/v1/inventory/NOPE/DAL', { on_hand: 1 }), 404, 'not_found');
      expectProblem(await server.operator.put('/api/v1/inventory/MUG/NOPE', { on_hand: 1 }), 404, 'not_found');
      expectProblem(await server.viewer.get('/api/v1/inventory/movements?warehouse=NOPE'), 404, 'not_found');
      expect(await countRows(server.deps.db, 'stock_movements')).toBe(movementsBefore);
      expect((await server.viewer.get('/api/v1/inventory?sku=NOPE')).body.data).toEqual([]);
    });

    it('names every bad count field and query parameter', async () => {
      expectInvalid(await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: -1 }), 'on_hand');
      expectInvalid(await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: '7' }), 'on_hand');
      expectInvalid(await server.operator.put('/api/v1/inventory/MUG/DAL', {}), 'on_hand');
      expectInvalid(await server.operator.put('/api/v1/inventory/MUG/DAL', { on_hand: 1_000_000_001 }), 'on_hand');
      expectInvalid(await server.operator.put('/api/v1/inventory/bad%20sku/DAL', { on_hand: 1 }), 'params.sku');
      expectInvalid(await server.viewer.get('/api/v1/inventory?below_reorder_point=perhaps'), 'query.below_reorder_point');
      expectInvalid(await server.viewer.get('/api/v1/inventory?warehouse=bad%20code'), 'query.warehouse');
    });
  });

  it('refuses each with the right role before looking at the body', async () => {
    expectProblem(await server.viewer.post('/api/v1/inventory/adjustments', { nonsense: true }), 403, 'forbidden');
    expectProblem(await server.operator.post('/api/v1/warehouses', { nonsense: true }), 403, 'forbidden');
    expectProblem(await server.anonymous.post('/api/v1/products', { nonsense: true }), 401, 'unauthorized');
  });

  it('keeps the stock table equal to its ledger and every order whole', async () => {
    await expectBooksBalance(server.deps.db);
  });
});
