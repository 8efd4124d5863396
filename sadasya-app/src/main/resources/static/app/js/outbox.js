// Enrolments saved on the phone, and the sender that works through them. Answers (issue 11):
// 202 / a replayed 202 / 409 → sent; 401 → log in again; 403, 413, 422 → needs correction;
// 429, 5xx, no network → back off and retry. A retry sends the stored bytes unchanged.
import * as store from './store.js';
import { api, current, expire, tokenValid } from './session.js';

const BACKOFF_FIRST_MS = 2000;
const BACKOFF_MAX_MS = 5 * 60 * 1000;
const UPLOAD_TIMEOUT_MS = 120000;

export const QUEUED = 'QUEUED';
export const NEEDS_CORRECTION = 'NEEDS_CORRECTION';

const listeners = new Set();
export const onChange = (f) => listeners.add(f);
const changed = (event) => listeners.forEach((f) => f(event));

export async function mine() {
  const s = current();
  if (!s) return [];
  return (await store.all('outbox')).filter((e) => e.workerId === s.userId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Stores the entry before anything else happens; rejects (e.g. QuotaExceededError) when it cannot. */
export async function save(entry) {
  await store.put('outbox', entry);
  changed({ saved: entry.submissionId });
  kick();
}

export async function discard(submissionId) {
  await store.remove('outbox', submissionId);
  changed({ removed: submissionId });
}

let failures = 0;
let timer = null;
let running = null;
let again = false;
export let needsLogin = false;

export function requireLogin() {
  needsLogin = true;
  changed({ needsLogin });
}

export function loggedIn() {
  needsLogin = false;
  kick();
}

/** Sends now (on start, on 'online', after a save, on the worker's tap), or once the current run ends. */
export function kick() {
  clearTimeout(timer);
  timer = null;
  if (running) {
    again = true;
    return running;
  }
  running = sendAll().finally(() => {
    running = null;
    if (again) {
      again = false;
      kick();
    }
  });
  return running;
}

function backOff() {
  failures++;
  const ms = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (failures - 1));
  clearTimeout(timer);
  // jitter, so that a village of phones coming back online does not send all at once
  timer = setTimeout(kick, ms * (0.8 + 0.4 * Math.random()));
}

async function sendAll() {
  const s = current();
  if (!s || needsLogin) return;
  if (!tokenValid(s)) {
    requireLogin();
    return;
  }
  const queued = (await mine()).filter((e) => e.status === QUEUED).reverse();
  for (const entry of queued) {
    const outcome = await send(entry);
    if (outcome === 'stop') return;
  }
  failures = 0;
}

async function send(entry) {
  const form = new FormData();
  entry.burst.forEach((frame, i) => form.append('burst', frame, `burst-${i}.jpg`));
  form.append('photo', entry.photo, 'photo.jpg');
  form.append('data', new Blob([entry.dataJson], { type: 'application/json' }));
  let r;
  try {
    r = await api('/enrollments', { method: 'POST', body: form, timeoutMs: UPLOAD_TIMEOUT_MS });
  } catch {
    backOff();
    changed({ offline: true });
    return 'stop';
  }
  if (r.status === 202 || r.status === 409) {
    await store.remove('outbox', entry.submissionId);
    changed({ sent: entry });
    return 'next';
  }
  if (r.status === 401) {
    expire();
    requireLogin();
    return 'stop';
  }
  if (r.status === 403 || r.status === 413 || r.status === 422) {
    const problem = await r.json().catch(() => ({}));
    await store.put('outbox', { ...entry, status: NEEDS_CORRECTION,
      problem: { code: problem.code ?? `HTTP_${r.status}`, field: problem.field ?? null } });
    changed({ refused: entry.submissionId });
    return 'next';
  }
  backOff();
  changed({ retry: r.status });
  return 'stop';
}
