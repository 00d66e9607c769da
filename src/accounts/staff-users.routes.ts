/**
 * Staff users managed from the admin (`/api/v1/users`, admin only): the same users `waybill users
 * create` makes, with the same password rules. Never a password or its hash in an answer.
 *
 * POST does not take Idempotency-Key: its request hash would be a fast, unsalted hash of the new
 * password kept for a day, and a retried create cannot make a second user anyway (the email is
 * unique: the retry answers 409 conflict).
 */
import type { Deps } from '../deps.js';
import { notFound } from '../platform/errors.js';
import { listOf, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { changeStaffUser } from './change-staff-user.js';
import { CreateStaffUserBody, StaffUserParams, StaffUserRecordSchema, UpdateStaffUserBody } from './staff-user.schemas.js';
import { createStaffUser, findStaffUser, listStaffUsers } from './staff-user.repository.js';

const tags = ['staff users'];

export function staffUserRoutes(deps: Pick<Deps, 'db' | 'clock' | 'ids'>) {
  return async (app: App) => {
    app.get(
      '/users',
      { config: { access: 'admin' }, schema: { tags, summary: 'Every staff user (all on one page)', response: { 200: listOf(StaffUserRecordSchema), ...problemResponses } } },
      async () => ({ data: await listStaffUsers(deps.db), next_cursor: null }),
    );

    app.post(
      '/users',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Create a staff user who signs in with POST /auth/login',
          description: '422 naming the rule when the password is too short, too long, common or the email; 409 conflict when a user has the email. Does not take Idempotency-Key (a retry answers 409).',
          body: CreateStaffUserBody,
          response: { 201: StaffUserRecordSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { email, name, role, password } = request.body;
        const user = await createStaffUser(deps.db, deps, { email, role, password, ...(name !== undefined ? { name } : {}) });
        return reply.code(201).send(user);
      },
    );

    app.get(
      '/users/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'A staff user', params: StaffUserParams, response: { 200: StaffUserRecordSchema, ...problemResponses } } },
      async (request) => {
        const user = await findStaffUser(deps.db, request.params.id);
        if (user === null) throw notFound(`Staff user ${request.params.id}`);
        return user;
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Rename, change the role of, disable or enable a staff user',
          description: 'Disabling ends every session of the user at once. 409 conflict when the change would leave no enabled admin (demoting or disabling the last one, yourself included).',
          params: StaffUserParams,
          body: UpdateStaffUserBody,
          response: { 200: StaffUserRecordSchema, ...problemResponses },
        },
      },
      async (request) => changeStaffUser(deps, request.params.id, request.body),
    );
  };
}
