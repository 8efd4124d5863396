// The capture app's service worker: keeps the app shell so the app opens without network.
// Served by AppShell, which writes in the shell's file list and a version that changes with any
// shell file, so an update installs a fresh cache and drops the old one. Requests outside the
// app (the API, uploads) always go to the network: the outbox in IndexedDB is the page's business.
const VERSION = /*VERSION*/'dev';
const SHELL_FILES = /*SHELL_FILES*/[];
const CACHE = `sadasya-shell-${VERSION}`;
const SCOPE = new URL('./', self.location).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sadasya-shell-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    // every page of the app is the one shell page
    // ignoreVary: the server varies on Origin, which module scripts send and the precache did not
    const hit = await cache.match(request.mode === 'navigate' ? SCOPE : request, { ignoreSearch: true, ignoreVary: true });
    return hit ?? fetch(request);
  }));
});
