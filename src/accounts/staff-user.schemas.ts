/** Request and answer shapes of the admin's staff user routes (/api/v1/users). */
import { Type } from '@sinclair/typebox';
import { Email } from './auth.schemas.js';

const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('admin')]);
const Name = Type.String({ minLength: 1, maxLength: 200 });
const strict = { additionalProperties: false } as const;

export const StaffUserRecordSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    disabled: Type.Boolean({ description: 'A disabled user cannot sign in; their sessions ended when they were disabled' }),
    created_at: Type.String(),
    last_sign_in_at: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'StaffUser' },
);

export const CreateStaffUserBody = Type.Object(
  {
    email: Email,
    name: Type.Optional(Name),
    role: RoleSchema,
    // Bounded here only; the rules (8–128 characters, not common, not the email) answer 422 naming the rule.
    password: Type.String({ maxLength: 1024, description: '8 to 128 characters, not a common password, not the email (as `waybill users create`)' }),
  },
  strict,
);

export const UpdateStaffUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean({ description: 'true ends every session of the user at once; false lets them sign in again' })),
  },
  strict,
);

export const StaffUserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
