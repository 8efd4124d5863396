// The capture app: screens, login, and the wiring between camera, form, outbox and home.
import * as camera from './capture.js';
import * as form from './form.js';
import * as home from './home.js';
import * as i18n from './i18n.js';
import * as outbox from './outbox.js';
import * as session from './session.js';
import * as store from './store.js';
import * as tickets from './tickets.js';

const $ = (id) => document.getElementById(id);
const POLL_FIRST_MS = 3000;
const POLL_MAX_MS = 30000;
let correcting = null;
let logoutArmed = false;
let pollMs = POLL_FIRST_MS;
let pollTimer = null;

function show(screen) {
  for (const s of ['login', 'home', 'capture', 'form']) $(`screen-${s}`).hidden = s !== screen;
  $('logout').hidden = screen === 'login';
  if (screen !== 'capture') camera.close();
  window.scrollTo(0, 0);
}

const notice = (key) => i18n.say($('notice'), key);

async function drawHome() {
  const items = await home.render(correct);
  $('login-again').hidden = !outbox.needsLogin && session.tokenValid();
  return items;
}

/** Fetches /me and the worker's list; without network the cached copies stay. */
async function refresh() {
  if (!session.tokenValid()) return;
  try {
    const [me, list] = await Promise.all([session.api('/me'), session.api('/enrollments?mine=true&limit=30')]);
    if (me.status === 401 || list.status === 401) {
      session.expire();
      outbox.requireLogin();
      return;
    }
    if (me.ok) {
      const m = await me.json();
      await store.put('kv', m, 'me');
      form.setBooths(m.booths);
    }
    if (list.ok) await home.keep(await list.json());
  } catch {
    // no network: the phone shows what it last knew
  }
  const items = await drawHome();
  clearTimeout(pollTimer);
  if (items.some((i) => i.status === 'RECEIVED' || i.status === 'PROCESSING')) {
    pollTimer = setTimeout(refresh, pollMs);
    pollMs = Math.min(POLL_MAX_MS, pollMs * 1.5);
  }
}

async function login() {
  const username = $('login-mobile').value.replace(/\s/g, '');
  const error = $('login-error');
  let r;
  try {
    r = await session.api('/auth/token', { method: 'POST', json: { username, password: $('login-password').value } });
  } catch {
    return i18n.say(error, 'login.offline');
  }
  if (r.status === 403 && (await r.json()).code === 'ACCOUNT_INACTIVE') return i18n.say(error, 'login.inactive');
  if (!r.ok) return i18n.say(error, r.status === 401 ? 'login.bad' : 'login.failed');
  const answer = await r.json();
  if (answer.role !== 'WORKER') return i18n.say(error, 'login.notWorker');
  const before = session.current();
  if (before && before.userId !== answer.userId) await store.remove('kv', 'mine');
  session.save(answer, username);
  $('login-password').value = '';
  i18n.say(error, null);
  notice(null);
  show('home');
  outbox.loggedIn();
  await refresh();
  tickets.refill();
}

async function logout() {
  const waiting = (await outbox.mine()).length;
  if (waiting && !logoutArmed) {
    logoutArmed = true;
    notice('logout.warn');
    i18n.say($('logout'), 'logout.again');
    return;
  }
  logoutArmed = false;
  i18n.say($('logout'), 'logout');
  notice(null);
  // the server forgets the token at once; offline, it lapses at its expiry
  session.api('/auth/logout', { method: 'POST', timeoutMs: 5000 }).catch(() => {});
  session.clear();
  await store.remove('kv', 'mine');
  await store.remove('kv', 'me');
  show('login');
}

async function startCapture() {
  notice(null);
  show('capture');
  i18n.say($('capture-error'), null);
  $('capture-shoot').disabled = false;
  if (!(await tickets.stock())) await tickets.refill();
  $('capture-offline').hidden = (await tickets.stock()) > 0;
  try {
    await camera.open();
  } catch {
    i18n.say($('capture-error'), 'capture.noCamera');
  }
}

/** A fresh fix taken at capture: its accuracy and the device's own timestamp, as reported. */
const locate = () => new Promise((resolve) => {
  if (!navigator.geolocation) return resolve(null);
  navigator.geolocation.getCurrentPosition(
    (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: p.coords.accuracy,
      locatedAt: new Date(p.timestamp).toISOString() }),
    () => resolve(null), { enableHighAccuracy: true, maximumAge: 0, timeout: 20000 });
});

async function shoot() {
  $('capture-shoot').disabled = true;
  const fix = locate();
  const ticket = await tickets.take();
  const capturedAt = new Date().toISOString();
  let shot;
  try {
    shot = await camera.burst(ticket ? ticket.steps : tickets.localSteps());
  } catch {
    $('capture-shoot').disabled = false;
    return i18n.say($('capture-error'), 'capture.failed');
  }
  camera.close();
  const challenge = ticket && { ...ticket, frameTimesMs: shot.frameTimesMs, stepStartsMs: shot.stepStartsMs };
  correcting = null;
  form.start({ photo: shot.photo, burst: shot.burst, challenge, fix: await fix, capturedAt });
  show('form');
  tickets.refill();
}

function correct(entry) {
  const data = JSON.parse(entry.dataJson);
  correcting = entry;
  const fix = data.latitude == null ? null : { latitude: data.latitude, longitude: data.longitude,
    accuracyMeters: data.accuracyMeters, locatedAt: data.locatedAt };
  form.start({ photo: entry.photo, burst: entry.burst, challenge: data.challenge ?? null, fix,
    capturedAt: data.capturedAt }, entry);
  show('form');
}

async function save() {
  $('enrolment-save').disabled = true;
  try {
    if (!(await form.save(session.current().userId))) return;
    // a corrected entry goes as a new enrolment: the refused one was never stored by the server
    if (correcting) await outbox.discard(correcting.submissionId);
    correcting = null;
    notice('form.saved');
    show('home');
    await drawHome();
  } finally {
    $('enrolment-save').disabled = false;
  }
}

async function toggleLanguage() {
  await i18n.load(i18n.language() === 'hi' ? 'en' : 'hi');
  i18n.apply();
  const me = await store.get('kv', 'me');
  form.setBooths(me?.booths);
  await drawHome();
}

outbox.onChange(async (event) => {
  if (event.sent) {
    await home.remember(event.sent);
    pollMs = POLL_FIRST_MS;
    refresh();
  }
  if (event.needsLogin) notice('login.again');
  if (event.offline) notice('home.offline');
  if (event.sent && $('notice').dataset.i18n === 'home.offline') notice(null);
  await drawHome();
});

async function boot() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
  await i18n.load();
  i18n.apply();
  await store.open();
  navigator.storage?.persist?.();
  $('lang-toggle').addEventListener('click', toggleLanguage);
  $('login-submit').addEventListener('click', login);
  $('login-password').addEventListener('keydown', (e) => { if (e.key === 'Enter') login(); });
  $('logout').addEventListener('click', logout);
  $('capture-start').addEventListener('click', startCapture);
  $('capture-shoot').addEventListener('click', shoot);
  $('camera-switch').addEventListener('click', () => camera.switchCamera());
  $('capture-cancel').addEventListener('click', () => { show('home'); drawHome(); });
  $('enrolment-save').addEventListener('click', save);
  $('form-discard').addEventListener('click', () => { correcting = null; show('home'); drawHome(); });
  $('outbox-send').addEventListener('click', () => { outbox.kick(); refresh(); });
  $('login-again').addEventListener('click', () => {
    $('login-mobile').value = session.current()?.username ?? '';
    show('login');
  });
  form.bind();
  window.addEventListener('online', () => { outbox.kick(); refresh(); tickets.refill(); });
  const me = await store.get('kv', 'me');
  form.setBooths(me?.booths);
  const s = session.current();
  if (s) {
    show('home');
    await drawHome();
    if (!session.tokenValid(s)) outbox.requireLogin();
    outbox.kick();
    refresh();
    tickets.refill();
  } else {
    show('login');
  }
  document.body.dataset.ready = 'true';
  performance.mark('sadasya-ready');
}

boot();
