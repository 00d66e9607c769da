/** Tells a viewer why the page offers no changes (instead of buttons that would answer 403). */
export function ReadOnlyNote({ needs = 'operator' }: { needs?: 'operator' | 'admin' }) {
  return (
    <p className="ops-readonly muted" data-testid="read-only-note">
      You can look but not change anything here: that takes the {needs} role{needs === 'operator' ? ' or higher' : ''}.
    </p>
  );
}
