// Challenge tickets (DESIGN.md, "Capture and challenge"): fetched while online and kept as a stock,
// so that a capture far from any network still carries steps the server chose.
import * as store from './store.js';
import { api, current, tokenValid } from './session.js';

const STOCK = 5;
const STEPS = ['TURN_LEFT', 'TURN_RIGHT', 'LOOK_UP', 'FACE_CAMERA'];

const usable = (t, s) => t.workerId === s.userId && Date.parse(t.expiresAt) > Date.now();

export async function stock() {
  const s = current();
  return s ? (await store.all('tickets')).filter((t) => usable(t, s)).length : 0;
}

/** Tops the stock up; quietly does nothing without network or login (the stock is a reserve). */
export async function refill() {
  const s = current();
  if (!tokenValid(s)) return;
  const have = await stock();
  if (have >= STOCK) return;
  let r;
  try {
    r = await api('/challenges', { method: 'POST', json: { count: STOCK - have } });
  } catch {
    return;
  }
  if (!r.ok) return;
  for (const ticket of await r.json()) await store.put('tickets', { ...ticket, workerId: s.userId });
}

/** Takes one ticket out of the stock (it is used by one enrolment only), or null. */
export async function take() {
  const s = current();
  let best = null;
  for (const t of await store.all('tickets')) {
    if (Date.parse(t.expiresAt) <= Date.now()) await store.remove('tickets', t.challengeId);
    else if (s && usable(t, s) && (!best || Date.parse(t.expiresAt) < Date.parse(best.expiresAt))) best = t;
  }
  if (!best) return null;
  await store.remove('tickets', best.challengeId);
  const { workerId, ...ticket } = best;
  return ticket;
}

/** Steps drawn on the phone when there is no ticket: the server will not trust them (→ review). */
export function localSteps() {
  const pool = [...STEPS];
  const pick = new Uint32Array(3);
  crypto.getRandomValues(pick);
  return [0, 1, 2].map((i) => pool.splice(pick[i] % pool.length, 1)[0]);
}
