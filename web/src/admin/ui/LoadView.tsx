/**
 * The three states of data from useLoad: loading (a polite notice), failed (the server's words and
 * a "Try again" button) and loaded (`children(data)`). Once loaded, a failed reload keeps the data
 * shown with a warning above it, so a live page never blanks out.
 *
 *   <LoadView loaded={orders} what="orders">{(page) => <DataTable … rows={page.data} />}</LoadView>
 */
import type { ReactNode } from 'react';
import { Notice } from '../../shared/Notice.js';
import type { Loaded } from '../../shared/useLoad.js';

export interface LoadViewProps<T> {
  loaded: Loaded<T>;
  /** What is loading, in words ("the orders"). */
  what: string;
  children: (data: T) => ReactNode;
}

export function LoadView<T>({ loaded, what, children }: LoadViewProps<T>) {
  const { data, error, reload } = loaded;
  if (data === null && error === null) return <Notice busy>Loading {what}…</Notice>;
  if (data === null && error !== null) return <LoadFailure what={what} detail={error.detail} onRetry={reload} />;
  return (
    <>
      {error !== null ? <LoadFailure what={what} detail={error.detail} onRetry={reload} stale /> : null}
      {children(data as T)}
    </>
  );
}

function LoadFailure({ what, detail, onRetry, stale = false }: { what: string; detail: string; onRetry(): void; stale?: boolean }) {
  return (
    <div className="form-error load-failure" role="alert">
      <p>
        {stale ? `Could not refresh ${what}; showing what was loaded before. ` : `Could not load ${what}. `}
        {detail}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
