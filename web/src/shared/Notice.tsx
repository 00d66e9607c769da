/** A short status message: loading (polite live region), a warning or a success. */
import type { ReactNode } from 'react';

export function Notice({ children, tone = 'info', busy = false }: { children: ReactNode; tone?: 'info' | 'success' | 'warning'; busy?: boolean }) {
  return (
    <p className={`notice notice-${tone}`} role="status" aria-busy={busy || undefined}>
      {children}
    </p>
  );
}
