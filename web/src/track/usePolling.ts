/**
 * Runs `poll` every `intervalMs` while `active` and the tab is visible, and at once when the tab
 * becomes visible again (a phone unlocked, a tab switched back to). A hidden tab asks nothing: no
 * requests for a page nobody looks at. One poll at a time: a slow answer is not overtaken.
 */
import { useEffect, useRef } from 'react';

export function usePolling(poll: () => Promise<unknown>, intervalMs: number, active: boolean): void {
  const task = useRef(poll);
  task.current = poll;

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const cancel = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const schedule = () => {
      cancel();
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    async function tick(): Promise<void> {
      timer = null;
      // Hidden: wait for the visibilitychange below instead of asking for a page nobody sees.
      if (stopped || running || document.visibilityState !== 'visible') return;
      running = true;
      try {
        await task.current();
      } catch {
        // The next round tries again; the page keeps what it showed.
      } finally {
        running = false;
      }
      schedule();
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        cancel();
        void tick();
      } else {
        cancel();
      }
    };

    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      cancel();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, intervalMs]);
}
