/**
 * Registers the portal's service worker (public/ → dist/web/sw.js, made by
 * web/build/service-worker-plugin.ts) for /account/: the app shell then opens offline. Only in a
 * production build: the dev server has no sw.js.
 */
export function registerPortalServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/account/' }).catch(() => {
    // No offline shell (private window, blocked by policy): the portal works online as before.
  });
}
