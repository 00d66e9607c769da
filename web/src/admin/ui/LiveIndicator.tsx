/**
 * "Live" / "Reconnecting…" beside a page that follows the staff stream: a dot and the words of
 * liveLabel(). Not a live region: a flapping connection must not talk over the page.
 *
 *   const live = useLiveRefresh(orders.reload);
 *   <LiveIndicator state={live} />
 */
import { liveLabel, type StreamState } from '../../shared/useEventStream.js';

export function LiveIndicator({ state }: { state: StreamState }) {
  return (
    <span className={`live-indicator live-${state}`} data-testid="live-indicator" data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {liveLabel(state)}
    </span>
  );
}
