/** A failed load or action in words (the server's detail), with a way to try again when there is one. */
import type { ApiError } from '../../api/index.js';

export function ProblemAlert({ error, onRetry, what }: { error: ApiError | null; onRetry?: () => void; what?: string }) {
  if (error === null) return null;
  return (
    <div className="form-error" role="alert">
      <p>
        {what ? `${what}: ` : null}
        {error.detail}
      </p>
      {onRetry ? (
        <p>
          <button type="button" className="button button-link" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
    </div>
  );
}
