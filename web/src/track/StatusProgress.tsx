/** The progress bar of one shipment: the four steps, the one reached, and what is off track. */
import { STEPS, type Progress } from './progress.js';

export function StatusProgress({ progress, labelledBy }: { progress: Progress; labelledBy?: string }) {
  return (
    <div className={`progress progress-${progress.tone}`} data-testid="progress">
      <ol className="progress-steps" aria-labelledby={labelledBy}>
        {STEPS.map((step, index) => {
          const state = index < progress.reached ? 'done' : index === progress.reached ? 'current' : 'upcoming';
          return (
            <li key={step.status} className={`progress-step progress-step-${state}`} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="progress-bar" aria-hidden="true" />
              <span className="progress-label">
                {step.label}
                <span className="visually-hidden">{state === 'done' ? ' (done)' : state === 'current' ? ' (current)' : ' (to come)'}</span>
              </span>
            </li>
          );
        })}
      </ol>
      {progress.note ? (
        <p className={`progress-note progress-note-${progress.tone}`} role={progress.tone === 'problem' ? 'alert' : undefined}>
          {progress.note}
        </p>
      ) : null}
    </div>
  );
}
