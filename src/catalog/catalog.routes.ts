import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { decodeCursor, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import { createProduct } from './create-product.js';
import { findProduct, listProducts } from './product.repository.js';
import { CreateProductBody, ProductSchema, SkuSchema, UpdateProductBody } from './product.schemas.js';
import { updateProduct } from './update-product.js';

const tags = ['catalog'];

export function catalogRoutes(deps: Deps) {
  return async (app: App) => {
    app.post(
      '/products',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Create a product', body: CreateProductBody, response: { 201: ProductSchema, ...problemResponses } },
      },
      async (request, reply) =>
        replyIdempotent(deps, request, reply, 'POST /products', async (trx) => ({
          status: 201,
          body: await createProduct(trx, deps.clock, request.body),
        })),
    );

    app.get(
      '/products',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List products by SKU', querystring: Type.Object(PageQuery), response: { 200: listOf(ProductSchema), ...problemResponses } },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listProducts(deps.db, { after: decodeCursor(request.query.cursor), limit: limit + 1 });
        return page(rows, limit, (p) => p.sku);
      },
    );

    app.get(
      '/products/:sku',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'Get a product', params: Type.Object({ sku: SkuSchema }), response: { 200: ProductSchema, ...problemResponses } },
      },
      async (request) => {
        const product = await findProduct(deps.db, request.params.sku);
        if (!product) throw notFound(`Product ${request.params.sku}`);
        return product;
      },
    );

    app.patch(
      '/products/:sku',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Change a product',
          params: Type.Object({ sku: SkuSchema }),
          body: UpdateProductBody,
          response: { 200: ProductSchema, ...problemResponses },
        },
      },
      async (request) => updateProduct(deps.db, deps.clock, request.params.sku, request.body),
    );
  };
}
