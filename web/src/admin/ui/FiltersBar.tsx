/**
 * The filters above a list: a search form (role="search", named by `label`) of the fields given as
 * children, with "Apply filters" and, when any filter is set, "Clear filters". Fields are
 * uncontrolled; pass `resetKey` (useUrlFilters().key) so that they show the address's filters again
 * after the back button.
 *
 *   <FiltersBar label="Filter orders" resetKey={filters.key} active={filters.active}
 *     onApply={(f) => filters.set({ status: f.status, q: f.q })} onClear={filters.clear}>
 *     <SelectField label="Status" name="status" defaultValue={filters.values.status} options={…} />
 *     <Field label="Search" name="q" type="search" defaultValue={filters.values.q} />
 *   </FiltersBar>
 */
import type { FormEvent, ReactNode } from 'react';

export interface FiltersBarProps {
  label: string;
  children: ReactNode;
  onApply(fields: Record<string, string>): void;
  onClear?(): void;
  /** How many filters are set (shows "Clear filters" when > 0). */
  active?: number;
  resetKey?: string;
  applyLabel?: string;
}

export function FiltersBar({ label, children, onApply, onClear, active = 0, resetKey, applyLabel = 'Apply filters' }: FiltersBarProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields: Record<string, string> = {};
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement) || element.name === '') continue;
      if (element instanceof HTMLInputElement && element.type === 'checkbox') fields[element.name] = element.checked ? (element.getAttribute('value') ?? 'true') : '';
      else fields[element.name] = element.value;
    }
    onApply(fields);
  }
  return (
    <form key={resetKey} role="search" aria-label={label} className="filters-bar" onSubmit={submit}>
      <div className="filters-fields">{children}</div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {applyLabel}
        </button>
        {active > 0 && onClear ? (
          <button type="button" className="button" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
