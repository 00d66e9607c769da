/**
 * The panel of one stock row: what to do with it (adjust, count, reorder policy, ledger; viewers get
 * the last two) as a row of toggle buttons, and the chosen one's form or table. A region named by
 * what it shows ("Adjust MUG at DAL"), whose heading takes the focus when it changes.
 */
import type { StockRow } from '../../api/index.js';
import { AdjustStockForm } from './AdjustStockForm.js';
import { CountStockForm } from './CountStockForm.js';
import { MovementLedger } from './MovementLedger.js';
import { ReorderPolicyEditor } from './ReorderPolicyEditor.js';
import type { StockAction } from './StockTable.js';
import { Panel } from '../ui/index.js';

const labels: Record<StockAction, string> = { adjust: 'Adjust', count: 'Count', policy: 'Reorder policy', ledger: 'Ledger' };

export function stockActions(canWrite: boolean): StockAction[] {
  return canWrite ? ['adjust', 'count', 'policy', 'ledger'] : ['policy', 'ledger'];
}

function titleOf(action: StockAction, row: Pick<StockRow, 'sku' | 'warehouse'>): string {
  const of = `${row.sku} at ${row.warehouse}`;
  if (action === 'adjust') return `Adjust ${of}`;
  if (action === 'count') return `Count ${of}`;
  if (action === 'policy') return `Reorder policy of ${of}`;
  return `Ledger of ${row.sku}`;
}

export interface StockPanelProps {
  row: StockRow;
  action: StockAction;
  canWrite: boolean;
  ledgerRound: number;
  onAction(action: StockAction): void;
  onAdjusted(row: StockRow, delta: number): void;
  onCounted(row: StockRow): void;
  onPolicyChanged(): void;
  onClose(): void;
}

export function StockPanel({ row, action, canWrite, ledgerRound, onAction, onAdjusted, onCounted, onPolicyChanged, onClose }: StockPanelProps) {
  return (
    <Panel key={`${action}:${row.sku}:${row.warehouse}`} title={titleOf(action, row)} testId="stock-panel">
      <div className="button-row ops-panel-tabs" role="group" aria-label={`What to do with ${row.sku} at ${row.warehouse}`}>
        {stockActions(canWrite).map((a) => (
          <button key={a} type="button" className="button button-small" aria-pressed={a === action} onClick={() => onAction(a)}>
            {labels[a]}
          </button>
        ))}
        <button type="button" className="button button-small button-link ops-panel-close" onClick={onClose}>
          Close
        </button>
      </div>
      {action === 'adjust' ? <AdjustStockForm row={row} onCancel={onClose} onDone={onAdjusted} /> : null}
      {action === 'count' ? <CountStockForm row={row} onCancel={onClose} onDone={onCounted} /> : null}
      {action === 'policy' ? <ReorderPolicyEditor sku={row.sku} warehouse={row.warehouse} canEdit={canWrite} onChanged={onPolicyChanged} /> : null}
      {action === 'ledger' ? <MovementLedger sku={row.sku} refreshKey={ledgerRound} /> : null}
    </Panel>
  );
}
