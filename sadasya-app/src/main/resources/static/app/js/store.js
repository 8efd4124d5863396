// The phone's storage: IndexedDB keeps the outbox (images as Blobs), the challenge tickets and
// cached answers. Each schema version has its migration, so an app update carries the stored
// outbox over instead of dropping it.
//
// Where the browser has storage buckets (Chrome 122 on), the database lives in the app's own
// bucket, asked to be persistent: the browser evicts it as a whole or not at all, apart from
// anything else the site stores. Elsewhere it lives in the site's default storage.
const NAME = 'sadasya';
const BUCKET = 'sadasya';
const VERSION = 2;
const STORES = ['outbox', 'tickets', 'kv'];

const MIGRATIONS = {
  1(db) {
    db.createObjectStore('outbox', { keyPath: 'submissionId' });
    db.createObjectStore('tickets', { keyPath: 'challengeId' });
    db.createObjectStore('kv');
  },
  // v2: outbox entries carry the sent data as one JSON string, so a retry sends exactly the same bytes.
  2(db, tx) {
    const outbox = tx.objectStore('outbox');
    outbox.openCursor().onsuccess = (e) => {
      const cursor = e.target.result;
      if (!cursor) return;
      const entry = cursor.value;
      if (entry.dataJson === undefined && entry.data !== undefined) {
        entry.dataJson = JSON.stringify(entry.data);
        delete entry.data;
        cursor.update(entry);
      }
      cursor.continue();
    };
  },
};

let opened;

function openIn(factory) {
  return new Promise((resolve, reject) => {
    const req = factory.open(NAME, VERSION);
    req.onupgradeneeded = (e) => {
      for (let v = e.oldVersion + 1; v <= VERSION; v++) MIGRATIONS[v](req.result, req.transaction);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('storage blocked by another tab'));
  });
}

// Held for the page's life. Without this reference, the page's transactions after a reload hung
// (neither complete nor error) in 4 of 8 runs of CaptureAppBrowserTest on Chromium 156, while new
// connections worked: the bucket object being garbage-collected is the likely cause. Held: 0 of 5.
let bucket;

async function bucketStorage() {
  if (!navigator.storageBuckets) return null;
  try {
    bucket = await navigator.storageBuckets.open(BUCKET, { persisted: true });
    return bucket.indexedDB;
  } catch {
    return null; // the default storage still works
  }
}

const answer = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

const finished = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
});

/**
 * An earlier version of the app kept everything in the default storage: it is copied into the
 * bucket in one transaction, then deleted. Puts by key, so a copy interrupted before the delete is
 * repeated harmlessly (an entry sent in between is answered by the server as the same enrolment).
 */
async function carryOver(db) {
  const names = (await indexedDB.databases?.()) ?? [];
  if (!names.some((d) => d.name === NAME)) return;
  const old = await openIn(indexedDB);
  const read = old.transaction(STORES);
  const content = await Promise.all(STORES.map(async (name) => {
    const store = read.objectStore(name);
    return { name, keys: await answer(store.getAllKeys()), values: await answer(store.getAll()) };
  }));
  old.close();
  const write = db.transaction(STORES, 'readwrite', { durability: 'strict' });
  for (const { name, keys, values } of content) {
    const store = write.objectStore(name);
    values.forEach((v, i) => (store.keyPath === null ? store.put(v, keys[i]) : store.put(v)));
  }
  await finished(write);
  indexedDB.deleteDatabase(NAME); // an old tab still holding it delays this until it closes
}

export function open() {
  opened ??= (async () => {
    const storage = await bucketStorage();
    if (!storage) return openIn(indexedDB);
    const db = await openIn(storage);
    await carryOver(db);
    return db;
  })();
  return opened;
}

// On a completely full disk Chromium neither commits nor fails a transaction: it waits. The app
// must not wait with it, so a write that has not finished in this time is reported as failed.
const WRITE_TIMEOUT_MS = 15000;

function run(store, mode, work) {
  return open().then((db) => new Promise((resolve, reject) => {
    // strict: the phone says "saved" only once the entry is on disk, not in a write cache
    // strict: the phone says "saved" only once the entry is on disk, not in a write cache
    const tx = mode === 'readwrite' ? db.transaction(store, mode, { durability: 'strict' }) : db.transaction(store);
    let result;
    const req = work(tx.objectStore(store));
    if (req) req.onsuccess = () => { result = req.result; };
    const timer = mode === 'readwrite' ? setTimeout(() => {
      const timeout = new Error('storage did not answer');
      timeout.name = 'TimeoutError';
      reject(timeout);
      try { tx.abort(); } catch { /* it may have finished meanwhile */ }
    }, WRITE_TIMEOUT_MS) : null;
    tx.oncomplete = () => { clearTimeout(timer); resolve(result); };
    // a full storage surfaces here as QuotaExceededError: the caller shows it
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  }));
}

export const all = (store) => run(store, 'readonly', (s) => s.getAll());
export const get = (store, key) => run(store, 'readonly', (s) => s.get(key));
export const put = (store, value, key) => run(store, 'readwrite', (s) => (key === undefined ? s.put(value) : s.put(value, key)));
export const remove = (store, key) => run(store, 'readwrite', (s) => s.delete(key));
