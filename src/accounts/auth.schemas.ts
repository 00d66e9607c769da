/** Request and answer shapes of /portal/auth/* and /auth/*. */
import { Type } from '@sinclair/typebox';

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/**
 * The schema only bounds the size; the rules (8–128 characters, not common, not the email) are
 * password-rules.ts, whose messages name the rule broken.
 */
const NewPassword = Type.String({ maxLength: 1024 });
const GivenPassword = Type.String({ minLength: 1, maxLength: 1024 });
const Token = Type.String({ minLength: 1, maxLength: 128, description: 'The token of the emailed link (after `#token=`)' });

const strict = { additionalProperties: false } as const;

export const RegisterBody = Type.Object({ email: Email, password: NewPassword, name: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export const LoginBody = Type.Object({ email: Email, password: GivenPassword }, strict);
export const EmailBody = Type.Object({ email: Email }, strict);
export const TokenBody = Type.Object({ token: Token }, strict);
export const ResetBody = Type.Object({ token: Token, password: NewPassword }, strict);
export const ChangePasswordBody = Type.Object(
  { current_password: Type.Optional(GivenPassword), new_password: NewPassword },
  { ...strict, description: 'current_password may be left out only by an account that has none (it signed in by link)' },
);
export const StaffChangePasswordBody = Type.Object({ current_password: GivenPassword, new_password: NewPassword }, strict);

export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  email_verified: Type.Boolean(),
  customer_id: Type.Union([Type.String(), Type.Null()], { description: 'The customer whose orders the account sees (null until the email is verified)' }),
  has_password: Type.Boolean(),
  created_at: Type.String(),
});

const csrf = Type.String({ description: 'Send as x-csrf-token on every POST, PUT, PATCH and DELETE of this session' });

export const CustomerSessionSchema = Type.Object({ account: AccountSchema, csrf_token: csrf });
export const AccountAnswerSchema = Type.Object({ account: AccountSchema });

export const StaffUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer')]),
});
export const StaffSessionSchema = Type.Object({ user: StaffUserSchema, csrf_token: csrf });

export const AcceptedSchema = Type.Object({ status: Type.Literal('accepted'), detail: Type.String() });
