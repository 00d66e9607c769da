/**
 * One returnable line of the return form: how many (0 up to what may come back), why (the
 * policy's reasons), refund or exchange, in a fieldset named by the product.
 */
import type { ReturnReasonOption } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { formatDay, formatMoney } from '../../shared/format.js';
import type { ReturnableLine } from '../returnable.js';
import { problemAt, type FormProblem, type LineChoice, type Resolution } from './return-form.js';

export function ReturnLineFields({
  line,
  currency,
  reasons,
  choice,
  problems,
  onChange,
}: {
  line: ReturnableLine;
  currency: string;
  reasons: readonly ReturnReasonOption[];
  choice: LineChoice;
  problems: readonly FormProblem[];
  onChange(choice: LineChoice): void;
}) {
  const chosen = choice.quantity > 0;
  const until = line.window_closes_at ? ` until ${formatDay(line.window_closes_at)}` : '';
  return (
    <fieldset className="portal-return-line" data-sku={line.sku}>
      <legend>{line.name}</legend>
      <p className="muted portal-return-line-facts">
        {formatMoney(line.unit_price, currency)} each · {line.delivered} delivered · up to {line.allowed} can be returned{until}
        {line.note ? ` · ${line.note}` : ''}
      </p>
      <div className="portal-return-line-fields">
        <SelectField label="How many to return" value={choice.quantity} onChange={(e) => onChange({ ...choice, quantity: Number(e.target.value) })} message={problemAt(problems, line.sku, 'quantity')}>
          {Array.from({ length: line.allowed + 1 }, (_, n) => (
            <option key={n} value={n}>
              {n === 0 ? 'None' : n}
            </option>
          ))}
        </SelectField>
        <SelectField label="Why are you returning it?" value={choice.reason} onChange={(e) => onChange({ ...choice, reason: e.target.value })} disabled={!chosen} message={problemAt(problems, line.sku, 'reason')}>
          <option value="">Choose a reason</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Refund or exchange" value={choice.resolution} onChange={(e) => onChange({ ...choice, resolution: e.target.value as Resolution })} disabled={!chosen}>
          <option value="refund">Refund me</option>
          <option value="same">Send me the same item again</option>
          <option value="other">Exchange it for another item</option>
        </SelectField>
        {chosen && choice.resolution === 'other' ? (
          <Field
            label="The item you want instead (its SKU)"
            value={choice.exchangeSku}
            onChange={(e) => onChange({ ...choice, exchangeSku: e.target.value })}
            maxLength={64}
            autoComplete="off"
            hint="The product code from the shop's page, for another size or colour."
            message={problemAt(problems, line.sku, 'exchange_sku')}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
