// The console's calls to the API. The bearer token lives in this module only, never in storage:
// a reload or a closed tab logs the reviewer out.
import { language } from '/app/js/i18n.js';

let token = null;

export const loggedIn = () => token !== null;
export const forget = () => { token = null; };

export async function login(username, password) {
  const r = await call('/auth/token', { method: 'POST', json: { username, password } });
  if (!r.ok) return { status: r.status, code: r.status === 403 ? (await r.json()).code : undefined };
  const answer = await r.json();
  if (answer.role !== 'REVIEWER' && answer.role !== 'ADMIN') return { status: 403 };
  token = answer.accessToken;
  return { status: 200, answer };
}

/** A call with the token: {@code json} sent as JSON, {@code file} (a File) as it is, {@code form} as multipart. */
export function call(path, { method = 'GET', json, file, form } = {}) {
  const headers = { 'Accept-Language': language() };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (file !== undefined) {
    headers['Content-Type'] = file.type || 'application/octet-stream';
    body = file;
  } else if (form !== undefined) {
    body = form; // FormData: the browser writes the multipart boundary
  }
  return fetch(`/api/v1${path}`, { method, headers, body, cache: 'no-store' });
}

/** An image the API serves only with the token, as a blob: URL (the caller revokes it). */
export async function imageUrl(path) {
  const r = await call(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return URL.createObjectURL(await r.blob());
}
