/**
 * A titled part of a page: a <section> named by its <h2> (a landmark region tests and screen
 * readers find by name), with room for actions beside the heading.
 *
 *   <Section title="Shipments" actions={<button …>Buy a label</button>}>…</Section>
 */
import { useId, type ReactNode } from 'react';

export interface SectionProps {
  title: ReactNode;
  children: ReactNode;
  /** Buttons or links beside the heading. */
  actions?: ReactNode;
  /** Extra class (the section is a .card). */
  className?: string;
  testId?: string;
}

export function Section({ title, children, actions, className, testId }: SectionProps) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={['card', 'admin-section', className].filter(Boolean).join(' ')} data-testid={testId}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="section-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
