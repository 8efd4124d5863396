// The login kept on the phone. An expired token still names its worker: capture and the outbox
// go on, and only sending waits for a new login.
import { language } from './i18n.js';

const KEY = 'sadasya.session';

export function current() {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export const tokenValid = (s = current()) => !!(s && s.token && s.expiresAt > Date.now());

export function save(answer, username) {
  const s = { token: answer.accessToken, userId: answer.userId, role: answer.role, username,
    expiresAt: Date.now() + answer.expiresIn * 1000 };
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

/** Forgets the token but not whose phone this is, so the outbox keeps its owner. */
export function expire() {
  const s = current();
  if (s) localStorage.setItem(KEY, JSON.stringify({ ...s, token: null }));
}

export const clear = () => localStorage.removeItem(KEY);

/** A call to the API with the worker's token; resolves to the Response, rejects on no network. */
export function api(path, { method = 'GET', body, json, timeoutMs = 30000 } = {}) {
  const s = current();
  const headers = { 'Accept-Language': language() };
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  return fetch(`/api/v1${path}`, { method, body, headers, signal: abort.signal, cache: 'no-store' })
    .finally(() => clearTimeout(timer));
}
