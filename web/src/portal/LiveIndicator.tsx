/** A small "Live" / "Reconnecting…" note for a page that follows /portal/stream. */
import { liveLabel, type StreamState } from '../shared/useEventStream.js';

export function LiveIndicator({ state }: { state: StreamState }) {
  return (
    <p className={`portal-live portal-live-${state}`} role="status" data-testid="live">
      <span className="portal-live-dot" aria-hidden="true" />
      {liveLabel(state)}
    </p>
  );
}
