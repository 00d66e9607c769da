/*
 * The portal's service worker (scope /account/): the app shell opens offline. The build
 * (web/build/service-worker-plugin.ts) replaces the two placeholders with the list of built files
 * and a version made from it, so every build gets a fresh cache and drops the old one.
 *
 * - Pages under /account/: network first, the cached shell when offline.
 * - Built assets (/assets/*, hashed names, never change): cache first.
 * - The API (/portal/*, /api/*, /auth/*): never cached (personal data, always fresh).
 */
const PRECACHE = self.__WAYBILL_PRECACHE__;
const VERSION = self.__WAYBILL_VERSION__;
const CACHE = `waybill-shell-${VERSION}`;
const SHELL = '/account/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('waybill-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (/^\/(api|portal|auth)\//.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(SHELL)).then((shell) => shell || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(request).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok && url.pathname.startsWith('/assets/')) cache.put(request, response.clone());
              return response;
            }),
        ),
      ),
    );
  }
});
