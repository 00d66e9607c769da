import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';

/** The signed-in customer behind a request; customer routes (`access: 'customer'`) always have one. */
export interface SignedInCustomer {
  accountId: string;
  /** The customers row once the email is verified (their orders have this customer_id); null before. */
  customerId: string | null;
  email: string;
}

export function customerOf(request: FastifyRequest): SignedInCustomer {
  const principal = request.principal;
  if (principal === null || principal.kind !== 'customer') throw new AppError('unauthorized', 'This needs a signed-in customer (POST /portal/auth/login)');
  return { accountId: principal.id, customerId: principal.customerId, email: principal.email };
}
