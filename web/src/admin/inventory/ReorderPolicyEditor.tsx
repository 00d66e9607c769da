/**
 * The reorder point and quantity of one SKU at one warehouse (GET/PUT/DELETE
 * /inventory/{sku}/{warehouse}/reorder-policy): where the numbers in force come from (this
 * warehouse's own or the product's), a form to set the warehouse's own, and a way back to the
 * product's. Viewers see the numbers only.
 */
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type ReorderPolicy } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../../shared/forms.js';
import { Notice } from '../../shared/Notice.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { ConfirmButton, Facts, LoadView, wholeNumber } from '../ui/index.js';

export interface ReorderPolicyEditorProps {
  sku: string;
  warehouse: string;
  canEdit: boolean;
  onChanged(): void;
}

export function ReorderPolicyEditor({ sku, warehouse, canEdit, onChanged }: ReorderPolicyEditorProps) {
  const { signedOut } = useStaffSession();
  const policy = useLoad(() => call(api.staffApi.GET('/api/v1/inventory/{sku}/{warehouse}/reorder-policy', { params: { path: { sku, warehouse } } })), [sku, warehouse], signedOut);
  const [saved, setSaved] = useState<string | null>(null);
  const { setData } = policy;

  const changed = useCallback(
    (view: ReorderPolicy, message: string) => {
      setData(view);
      setSaved(message);
      onChanged();
    },
    [setData, onChanged],
  );

  return (
    <LoadView loaded={policy} what="the reorder policy">
      {(p) => (
        <div className="ops-stack">
          {saved ? <Notice tone="success">{saved}</Notice> : null}
          <Facts
            label="Reorder policy in force"
            items={[
              ['Reorder point', p.managed ? p.reorder_point.toLocaleString() : 'Not reordered'],
              ['Reorder quantity', p.reorder_policy === 'auto' ? 'Suggested from demand' : p.reorder_quantity.toLocaleString()],
              ['Set by', p.source === 'warehouse' ? `This warehouse (${warehouse})` : 'The product'],
              ['Product’s own', `point ${p.product.reorder_point.toLocaleString()}, quantity ${p.product.reorder_quantity.toLocaleString()}`],
              ['Open purchase order', p.open_purchase_order_id ? <Link to={`/admin/purchase-orders/${p.open_purchase_order_id}`}>View the open purchase order</Link> : 'None'],
            ]}
          />
          {canEdit ? <PolicyForm policy={p} onChanged={changed} /> : null}
        </div>
      )}
    </LoadView>
  );
}

function PolicyForm({ policy, onChanged }: { policy: ReorderPolicy; onChanged(view: ReorderPolicy, message: string): void }) {
  const { sku, warehouse } = policy;
  const save = useCallback(
    async (fields: Record<string, string>) => {
      const quantity = (fields.reorder_quantity ?? '').trim();
      const view = await call(
        api.staffApi.PUT('/api/v1/inventory/{sku}/{warehouse}/reorder-policy', {
          params: { path: { sku, warehouse } },
          body: { reorder_point: wholeNumber(fields.reorder_point), reorder_quantity: quantity === '' ? null : wholeNumber(quantity) },
        }),
      );
      onChanged(view, `${warehouse} now reorders ${sku} at ${view.reorder_point.toLocaleString()}.`);
    },
    [sku, warehouse, onChanged],
  );
  const { onSubmit, pending, error } = useSubmit(save);

  return (
    <form id="reorder-policy-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label={`Reorder policy of ${sku} at ${warehouse}`}>
      <FormError error={error} fields={['reorder_point', 'reorder_quantity']} />
      <div className="ops-form-grid">
        <Field label="Reorder point at this warehouse" name="reorder_point" type="number" inputMode="numeric" min={0} step={1} required defaultValue={policy.override?.reorder_point ?? policy.reorder_point} error={error} hint="Reorder when available falls to or below this." />
        <Field label="Reorder quantity (optional)" name="reorder_quantity" type="number" inputMode="numeric" min={0} step={1} defaultValue={policy.override?.reorder_quantity ?? ''} error={error} hint="Empty: the product’s quantity." />
      </div>
      <div className="button-row">
        <SubmitButton pending={pending} busyLabel="Saving…">
          Save the policy
        </SubmitButton>
        {policy.override !== null ? (
          <ConfirmButton
            label="Use the product’s policy"
            title={`Drop ${warehouse}’s own reorder point for ${sku}?`}
            confirmLabel="Use the product’s policy"
            onConfirm={async () => {
              const view = await call(api.staffApi.DELETE('/api/v1/inventory/{sku}/{warehouse}/reorder-policy', { params: { path: { sku, warehouse } } }));
              onChanged(view, `${warehouse} now follows the product’s reorder point for ${sku}.`);
            }}
          >
            <p>
              The product’s reorder point ({policy.product.reorder_point.toLocaleString()}) and quantity ({policy.product.reorder_quantity.toLocaleString()}) apply at {warehouse} again.
            </p>
          </ConfirmButton>
        ) : null}
      </div>
    </form>
  );
}
