/** Customers: who placed orders, found by email. Accounts and preferences come with later issues. */
export { customerRoutes } from './customers.routes.js';
export { upsertCustomer, type CustomerContact } from './customer.repository.js';
