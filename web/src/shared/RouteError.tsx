/** What a page that failed to render shows (the router's errorElement) instead of a blank screen. */
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { PageMain, SkipLink, usePageTitle } from './page.js';

export function RouteError() {
  const error = useRouteError();
  usePageTitle('Something went wrong');
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : null;
  return (
    <>
      <SkipLink />
      <PageMain title="Something went wrong" narrow>
        <p>This page could not be shown. Reloading often helps; if it does not, try again later.</p>
        {detail ? <p className="muted">{detail}</p> : null}
        <p>
          <a href={window.location.href}>Reload the page</a>
        </p>
      </PageMain>
    </>
  );
}
