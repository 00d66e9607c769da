/**
 * In-process wake-up: a job enqueued in this process wakes this process's worker at once instead
 * of at its next poll. Workers in other processes find it at their next poll (correct, slower).
 */
const listeners = new Set<() => void>();

export function notifyEnqueued(): void {
  for (const listener of listeners) listener();
}

export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
