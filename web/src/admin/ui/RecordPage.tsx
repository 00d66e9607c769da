/**
 * The frame of a page about one record (an order, a return): "not found" when the server says so,
 * else the heading, a breadcrumb back to the list with the record's status, the live indicator, the
 * last action's notice and the record itself through LoadView.
 *
 *   const { flash, done } = useActionNotice(record.reload);
 *   <RecordPage loaded={record} what="the order" title="Order W-000001" back={{ to: '/admin/orders', label: 'Orders' }}
 *     notFound={{ title: 'Order not found', text: 'There is no order W-9.', back: 'Back to the orders' }}
 *     trail={<StatusPill … />} live={live} flash={flash}>
 *     {(data) => …}
 *   </RecordPage>
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Notice } from '../../shared/Notice.js';
import { PageMain } from '../../shared/page.js';
import type { Loaded } from '../../shared/useLoad.js';
import type { StreamState } from '../../shared/useEventStream.js';
import { LiveIndicator } from './LiveIndicator.js';
import { LoadView } from './LoadView.js';

export interface RecordPageProps<T> {
  loaded: Loaded<T>;
  /** What is loading, in words ("the order"). */
  what: string;
  title: string;
  /** The list the record belongs to: the breadcrumb's first link. */
  back: { to: string; label: string };
  notFound: { title: string; text: ReactNode; back: string };
  /** What follows the breadcrumb's link once loaded (status, related links), after a " · ". */
  trail: ReactNode;
  live: StreamState;
  flash: string | null;
  children: (data: T) => ReactNode;
}

export function RecordPage<T>({ loaded, what, title, back, notFound, trail, live, flash, children }: RecordPageProps<T>) {
  if (loaded.data === null && loaded.error?.status === 404) {
    return (
      <PageMain title={notFound.title}>
        <p>{notFound.text}</p>
        <p>
          <Link to={back.to}>{notFound.back}</Link>
        </p>
      </PageMain>
    );
  }
  return (
    <PageMain title={title}>
      <div className="page-tools">
        <p className="breadcrumbs">
          <Link to={back.to}>{back.label}</Link>
          {trail ? <> · {trail}</> : null}
        </p>
        <LiveIndicator state={live} />
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      <LoadView loaded={loaded} what={what}>
        {children}
      </LoadView>
    </PageMain>
  );
}

/** The last action's words for the page's notice, and `done(message)` for actions: says it and reloads. */
export function useActionNotice(reload: () => void): { flash: string | null; done(message: string): void } {
  const [flash, setFlash] = useState<string | null>(null);
  const done = useCallback(
    (message: string) => {
      setFlash(message);
      reload();
    },
    [reload],
  );
  return { flash, done };
}
