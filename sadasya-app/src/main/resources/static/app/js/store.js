// The phone's storage: IndexedDB keeps the outbox (images as Blobs), the challenge tickets and
// cached answers. Each schema version has its migration, so an app update carries the stored
// outbox over instead of dropping it.
const NAME = 'sadasya';
const VERSION = 2;

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

export function open() {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = (e) => {
      for (let v = e.oldVersion + 1; v <= VERSION; v++) MIGRATIONS[v](req.result, req.transaction);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('storage blocked by another tab'));
  });
  return opened;
}

// On a completely full disk Chromium neither commits nor fails a transaction: it waits. The app
// must not wait with it, so a write that has not finished in this time is reported as failed.
const WRITE_TIMEOUT_MS = 15000;

function run(store, mode, work) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
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
    // a full disk surfaces here as QuotaExceededError: the caller shows it
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  }));
}

export const all = (store) => run(store, 'readonly', (s) => s.getAll());
export const get = (store, key) => run(store, 'readonly', (s) => s.get(key));
export const put = (store, value, key) => run(store, 'readwrite', (s) => (key === undefined ? s.put(value) : s.put(value, key)));
export const remove = (store, key) => run(store, 'readwrite', (s) => s.delete(key));
