/** The parts every page has: its title in the tab, a skip link, and the not-found page. */
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** Sets document.title to "`title` · `area`" while the page is shown. */
export function usePageTitle(title: string, area = 'Waybill'): void {
  useEffect(() => {
    document.title = `${title} · ${area}`;
  }, [title, area]);
}

export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to content
    </a>
  );
}

/** The <main> of a page with its one <h1>. */
export function PageMain({ title, children, narrow = false }: { title: ReactNode; children: ReactNode; narrow?: boolean }) {
  return (
    <main id="main" tabIndex={-1} className={narrow ? 'page page-narrow' : 'page'}>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** The not-found page; `standalone` outside a layout (which brings its own skip link and header). */
export function NotFoundPage({ home = '/account', homeLabel = 'Go to your account', standalone = false }: { home?: string; homeLabel?: string; standalone?: boolean }) {
  usePageTitle('Page not found');
  return (
    <>
      {standalone ? <SkipLink /> : null}
      <PageMain title="Page not found" narrow>
        <p>There is no page at this address. It may have moved, or the link may be incomplete.</p>
        <p>
          <Link to={home}>{homeLabel}</Link>
        </p>
      </PageMain>
    </>
  );
}
