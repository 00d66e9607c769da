/** The admin's sections, in the order of its navigation. `adminOnly`: hidden from operators and viewers (the API refuses them too). */
export interface AdminSection {
  path: string;
  label: string;
  adminOnly?: boolean;
}

export const adminSections: readonly AdminSection[] = [
  { path: '/admin', label: 'Dashboard' },
  { path: '/admin/exceptions', label: 'Exceptions' },
  { path: '/admin/orders', label: 'Orders' },
  { path: '/admin/returns', label: 'Returns' },
  { path: '/admin/shipments', label: 'Shipments' },
  { path: '/admin/inventory', label: 'Inventory' },
  { path: '/admin/suppliers', label: 'Suppliers' },
  { path: '/admin/purchase-orders', label: 'Purchase orders' },
  { path: '/admin/notifications', label: 'Notifications' },
  { path: '/admin/jobs', label: 'Jobs' },
  { path: '/admin/webhooks', label: 'Webhooks' },
  { path: '/admin/users', label: 'Users', adminOnly: true },
  { path: '/admin/api-keys', label: 'API keys', adminOnly: true },
];
