/**
 * Messages to the shop's suppliers rather than its customers: no order, no customer preferences, no
 * SMS, so they are not in `messageTypes` (types.ts) and have no `sms` part. Their templates are
 * `<type>.<subject|html|text>.hbs` in the same folders as the customer messages (template-store.ts),
 * so a shop's override folder replaces them too. Data and types only.
 */

export const supplierMessageTypes = ['purchase_order'] as const;
export type SupplierMessageType = (typeof supplierMessageTypes)[number];

export const supplierMessageParts = ['subject', 'html', 'text'] as const;
export type SupplierMessagePart = (typeof supplierMessageParts)[number];

export function isSupplierMessage(type: string): type is SupplierMessageType {
  return (supplierMessageTypes as readonly string[]).includes(type);
}

/** A warehouse's postal address, in the shape the `address` partial reads. */
export interface SupplierAddress {
  name: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
}

/** What the `purchase_order` templates are given: the shop, the supplier, the order, where it goes. */
export interface PurchaseOrderEmailContext {
  shop: {
    name: string;
    /** The shop's address as typed in configuration, one entry per line. */
    address_lines: string[];
    /** Where the supplier's replies go (the email's Reply-To). */
    supportEmail: string;
  };
  supplier: { name: string; email: string };
  purchase_order: {
    id: string;
    number: string;
    /** RFC 3339. */
    created_at: string;
    sent_at: string | null;
    /** When the goods are expected (sent or created + the supplier's lead time). */
    expected_at: string | null;
    note: string | null;
    /** Units over all lines. */
    total_quantity: number;
  };
  lines: Array<{ line_no: number; sku: string; name: string; quantity: number }>;
  ship_to: { code: string; name: string; address: SupplierAddress };
}

export interface SupplierMessageContexts {
  purchase_order: PurchaseOrderEmailContext;
}

