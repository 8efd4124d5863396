// The district console: login, the review queue and one opened enrolment, with keyboard shortcuts.
import * as i18n from '/app/js/i18n.js';
import * as api from './api.js';
import * as evidence from './evidence.js';
import * as appeals from './appeals.js';
import * as workers from './workers.js';
import * as dashboard from './dashboard.js';
import * as people from './people.js';

const $ = (id) => document.getElementById(id);
const QUEUE_LIMIT = 200;
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
let queue = [];
let current = -1;
let opened = null;
let loads = 0;
/** Every reason code met, so that a server-side reason filter keeps the other choices. */
const codesSeen = new Set();

function show(screen) {
  for (const s of document.querySelectorAll('main > .screen')) s.hidden = s.id !== `screen-${screen}`;
  $('logout').hidden = screen === 'login';
  $('console-nav').hidden = screen === 'login';
  for (const b of $('console-nav').querySelectorAll('button')) b.classList.toggle('current', b.dataset.screen === screen);
}

/** What a button of the header's navigation opens, by its data-screen. */
// the workers and people screens load themselves on their own buttons (workers.js, people.js)
const SCREENS = { dashboard: () => dashboard.open(), queue: () => loadQueue(), workers: () => {}, people: () => {} };

function navigate(screen) {
  if (opened) back();
  show(screen);
  SCREENS[screen]();
}

const notice = (key) => i18n.say($('notice'), key);

/** The codes that sent an enrolment to review (or would have rejected it). */
const doubts = (e) => e.reasons.filter((r) => r.outcome !== 'PASS').map((r) => r.code);

function visible() {
  const code = $('queue-filter').value;
  return queue.filter((e) => !code || doubts(e).includes(code));
}

function drawFilter() {
  const select = $('queue-filter');
  const chosen = select.value;
  queue.flatMap(doubts).forEach((c) => codesSeen.add(c));
  const codes = [...codesSeen].sort();
  const all = select.options[0];
  select.replaceChildren(all, ...codes.map((c) => {
    const o = document.createElement('option');
    o.value = c;
    o.textContent = evidence.ruleName(c);
    return o;
  }));
  select.value = codes.includes(chosen) ? chosen : '';
}

function drawQueue() {
  const items = visible();
  $('queue-empty').hidden = items.length > 0;
  $('review-queue').replaceChildren(...items.map((e, i) => {
    const li = document.createElement('li');
    li.dataset.submissionId = e.submissionId;
    li.tabIndex = 0;
    li.classList.toggle('current', i === current);
    const when = document.createElement('span');
    when.className = 'when';
    when.textContent = WHEN.format(new Date(e.receivedAt));
    li.append(when);
    for (const code of doubts(e)) {
      const c = document.createElement('span');
      c.className = 'code';
      c.textContent = evidence.ruleName(code);
      li.append(c);
    }
    appeals.mark(li, e);
    li.addEventListener('click', () => open(i));
    return li;
  }));
}

async function loadQueue() {
  const mine = ++loads;
  // busy until the answer to the latest question is drawn: the list shown may be a stale filter's
  $('review-queue').setAttribute('aria-busy', 'true');
  const r = await api.call(`/reviews?limit=${QUEUE_LIMIT}${appeals.queryString()}`);
  if (mine !== loads) return; // a later filter change has asked again
  if (r.status === 401) return logout();
  if (!r.ok) {
    $('review-queue').removeAttribute('aria-busy');
    return i18n.say($('queue-error'), 'queue.failed');
  }
  i18n.say($('queue-error'), null);
  const items = await r.json();
  if (mine !== loads) return;
  queue = items;
  drawFilter();
  drawQueue();
  $('review-queue').removeAttribute('aria-busy');
}

async function open(i) {
  const items = visible();
  if (i < 0 || i >= items.length) return;
  current = i;
  await openCase(items[i].submissionId);
}

/** Opens one enrolment in review by its id (from the queue or the workers screen). */
async function openCase(submissionId) {
  const r = await api.call(`/reviews/${submissionId}`);
  if (!r.ok) return i18n.say($('queue-error'), 'queue.failed');
  opened = await r.json();
  $('review-comment').value = '';
  i18n.say($('review-error'), null);
  show('case');
  appeals.showCase(opened);
  await evidence.show(opened);
  document.body.dataset.opened = opened.enrollment.submissionId;
}

function back() {
  opened = null;
  delete document.body.dataset.opened;
  evidence.clear();
  show('queue');
  drawQueue();
}

async function decide(decision) {
  if (!opened) return;
  const note = $('review-comment').value.trim();
  if (decision === 'REJECT' && !note) {
    i18n.say($('review-error'), 'review.needComment');
    $('review-comment').focus();
    return;
  }
  const id = opened.enrollment.submissionId;
  const r = await api.call(`/reviews/${id}`, { method: 'POST', json: { decision, note } });
  if (r.status === 401) return logout();
  const conflict = r.status === 409 ? (await r.clone().json().catch(() => ({}))).code : null;
  if (conflict === 'DUPLICATE_MEMBER') {
    await open(current);
    return i18n.say($('review-error'), 'review.duplicate');
  }
  if (conflict === 'FACE_UNREADABLE') return i18n.say($('review-error'), 'review.faceUnreadable');
  // 409: someone else decided it first; either way it has left the queue
  if (!r.ok && r.status !== 409) return i18n.say($('review-error'), 'review.failed');
  const at = visible().findIndex((e) => e.submissionId === id);
  queue = queue.filter((e) => e.submissionId !== id);
  drawFilter();
  notice('review.done');
  if (visible().length > 0) {
    await open(Math.min(at, visible().length - 1));
  } else {
    current = -1;
    back();
  }
}

async function login() {
  const error = $('login-error');
  let result;
  try {
    result = await api.login($('login-username').value.trim(), $('login-password').value);
  } catch {
    return i18n.say(error, 'login.failed');
  }
  $('login-password').value = '';
  if (result.status === 401) return i18n.say(error, 'login.bad');
  if (result.status === 403 && result.code === 'ACCOUNT_INACTIVE') return i18n.say(error, 'login.inactive');
  if (result.status === 403) return i18n.say(error, 'login.notReviewer');
  if (result.status !== 200) return i18n.say(error, 'login.failed');
  i18n.say(error, null);
  people.setUser(result.answer.role, result.answer.userId);
  show('queue');
  appeals.start();
  await loadQueue();
}

function logout() {
  api.forget();
  queue = [];
  current = -1;
  evidence.clear();
  appeals.reset();
  workers.clear();
  dashboard.clear();
  people.clear();
  opened = null;
  notice(null);
  show('login');
}

function onKey(event) {
  if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
  if (!api.loggedIn()) return;
  const n = visible().length;
  if (event.key === 'j' || event.key === 'k') {
    const step = event.key === 'j' ? 1 : -1;
    const next = Math.max(0, Math.min(n - 1, current + step));
    if (opened) open(next);
    else {
      current = next;
      drawQueue();
    }
  } else if (event.key === 'Enter' && !opened && current >= 0) {
    open(current);
  } else if (event.key === 'a' && opened) {
    decide('ACCEPT');
  } else if (event.key === 'r' && opened) {
    decide('REJECT');
  } else if (event.key === 'Escape' && opened) {
    back();
  } else {
    return;
  }
  event.preventDefault();
}

async function switchLanguage() {
  await i18n.load(i18n.language() === 'hi' ? 'en' : 'hi');
  i18n.apply();
  drawFilter();
  if (!$('screen-queue').hidden) drawQueue();
  appeals.redraw();
  if (!$('screen-workers').hidden) workers.draw();
  if (!$('screen-people').hidden) people.draw();
  if (opened) await evidence.show(opened);
  dashboard.draw();
}

async function start() {
  await i18n.load();
  i18n.apply();
  $('login-submit').addEventListener('click', login);
  $('login-password').addEventListener('keydown', (e) => { if (e.key === 'Enter') login(); });
  $('logout').addEventListener('click', logout);
  for (const b of $('console-nav').querySelectorAll('button')) b.addEventListener('click', () => navigate(b.dataset.screen));
  $('lang-toggle').addEventListener('click', switchLanguage);
  $('queue-filter').addEventListener('change', () => { current = -1; drawQueue(); });
  $('case-back').addEventListener('click', back);
  $('review-accept').addEventListener('click', () => decide('ACCEPT'));
  $('review-reject').addEventListener('click', () => decide('REJECT'));
  appeals.setup({ reload: loadQueue, reopen: () => open(current) });
  workers.init({ show, openCase, logout, back });
  people.init({ logout });
  document.addEventListener('keydown', onKey);
  show('login');
  document.body.dataset.ready = 'true';
}

start();
