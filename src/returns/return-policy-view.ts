/** The return policy as GET /returns/policy (staff) and GET /portal/returns/policy show it. */
import type { ReturnSettings } from '../config-returns.js';
import type { Static } from '@sinclair/typebox';
import type { ReturnPolicySchema } from './return.schemas.js';

export function returnPolicyView(settings: ReturnSettings): Static<typeof ReturnPolicySchema> {
  return {
    window_days: settings.windowDays,
    restocking_fee_percent: settings.restockingFeeBps / 100,
    non_returnable_skus: [...settings.nonReturnableSkus],
    reasons: settings.reasons.map((r) => ({ code: r.code, label: r.label, shop_fault: r.shopFault, return_shipping_paid_by: r.returnShippingPaidBy, restocking_fee: r.restockingFee })),
    auto_approve: settings.autoApprove === null ? null : { reasons: [...settings.autoApprove.reasons], max_refund: settings.autoApprove.maxRefund },
  };
}
