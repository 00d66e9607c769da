/** Returns as a customer reads them: the status in words, the reasons, the policy in sentences. Pure. */

const statusTexts: Record<string, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Declined',
  in_transit: 'On its way back',
  received: 'Received',
  refunded: 'Refund on its way',
  closed: 'Completed',
};

/** The return's status in a word or three ("On its way back"). */
export function returnStatusText(status: string): string {
  return statusTexts[status] ?? status.replaceAll('_', ' ');
}

/** What happens next, for the customer. */
export function returnNextStep(status: string, hasLabel: boolean): string {
  switch (status) {
    case 'requested':
      return 'We are looking at your request and will email you once it is approved.';
    case 'approved':
      return hasLabel ? 'Print the label, stick it on the parcel and hand it to the carrier.' : 'Approved: the return label is on its way to you by email.';
    case 'in_transit':
      return 'The parcel is on its way back to us.';
    case 'received':
      return 'We have the parcel and are checking the items.';
    case 'refunded':
      return 'The refund is on its way to your payment method.';
    case 'closed':
      return 'This return is complete.';
    case 'rejected':
      return 'We cannot take this return back.';
    default:
      return '';
  }
}

export interface PolicyWords {
  window_days: number;
  restocking_fee_percent: number;
  reasons: ReadonlyArray<{ code: string; label: string; shop_fault: boolean; return_shipping_paid_by: string; restocking_fee: boolean }>;
}

export function reasonLabel(policy: PolicyWords | null, code: string): string {
  return policy?.reasons.find((r) => r.code === code)?.label ?? code.replaceAll('_', ' ');
}

/** The policy in a few sentences: the window, who pays the label, the restocking fee. */
export function policySentences(policy: PolicyWords): string[] {
  const out = [`You can return items within ${policy.window_days} ${policy.window_days === 1 ? 'day' : 'days'} of delivery.`];
  const ours = policy.reasons.filter((r) => r.shop_fault).map((r) => r.label.toLowerCase());
  if (ours.length > 0) out.push(`When the fault is ours (${ours.join(', ')}), the return label is free and we refund the shipping too.`);
  if (policy.reasons.some((r) => r.return_shipping_paid_by === 'customer')) out.push('For the other reasons, the cost of the return label is taken off the refund.');
  const feeReasons = policy.reasons.filter((r) => r.restocking_fee);
  if (policy.restocking_fee_percent > 0 && feeReasons.length > 0) {
    out.push(`A restocking fee of ${policy.restocking_fee_percent}% of the item price applies when the reason is: ${feeReasons.map((r) => r.label.toLowerCase()).join(', ')}.`);
  } else {
    out.push('There is no restocking fee.');
  }
  return out;
}
