/**
 * A secret the server hands out once (a new API key, a webhook endpoint's signing secret): shown in
 * a read-only field with a copy button and a warning that it will not be shown again. The field is
 * selected on focus so it can be copied by hand where the clipboard API is not allowed (plain http).
 */
import { useId, useRef, useState } from 'react';
import { Panel } from './Panel.js';

export interface ShownOnceProps {
  title: string;
  /** What the value is ("API key", "Signing secret"): the field's label. */
  label: string;
  value: string;
  warning: string;
  onDismiss(): void;
  dismissLabel?: string;
  testId?: string;
}

export function ShownOnce({ title, label, value, warning, onDismiss, dismissLabel = 'I have stored it', testId }: ShownOnceProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure page, or refused): select it for Ctrl+C instead.
      field.current?.select();
      setCopied('no');
    }
  }

  return (
    <Panel title={title} testId={testId}>
      <p className="notice notice-warning">
        <strong>{warning}</strong>
      </p>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="ops-copy">
          <input id={id} ref={field} className="ops-secret" readOnly value={value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} autoComplete="off" />
          <button type="button" className="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'Selected: press Ctrl+C (⌘C) to copy it.' : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onDismiss}>
          {dismissLabel}
        </button>
      </div>
    </Panel>
  );
}
