/**
 * A section opened from a row's button (edit, adjust, count, receive): a region named by its
 * heading, which takes the focus when it opens so a keyboard or screen-reader user lands on it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="ops-section ops-panel" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
