/**
 * A status in words as a pill, named for what it is the status of ("Order status: In transit"). A
 * polite live region: on a page that updates itself, a screen reader hears the new status.
 */
export function StatusPill({ subject, text, testId }: { subject: string; text: string; testId?: string }) {
  return (
    <span className="status-pill" role="status" aria-label={`${subject}: ${text}`} data-testid={testId}>
      {text}
    </span>
  );
}
