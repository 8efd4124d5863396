// Finding and re-opening decided enrolments: the queue's server-side filters (status, unit, worker,
// IST dates, enrolment id), the appeal of a rejected enrolment, its decision history, and
// the CSV downloads (fetched with the token, saved from a blob: URL).
import { language, say, t } from '/app/js/i18n.js';
import * as api from './api.js';
import { ruleName } from './evidence.js';

const $ = (id) => document.getElementById(id);
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** Units below the reviewer's own and workers met in the queue, kept for the filter selects. */
let units = [];
const workers = new Map();
let shown = null;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function option(value, text, i18nKey) {
  const o = element('option', null, text);
  o.value = value;
  if (i18nKey) o.dataset.i18n = i18nKey;
  return o;
}

/** The query string of the queue's filters, to append to GET /reviews?limit=… */
export function queryString() {
  const params = new URLSearchParams();
  // the reason select stays an instant filter over the loaded page (main.js); the API takes reason= too
  const pairs = { status: 'queue-status', orgUnitId: 'queue-unit', workerId: 'queue-worker', from: 'queue-from',
    to: 'queue-to', submissionId: 'queue-search' };
  for (const [name, id] of Object.entries(pairs)) {
    const v = $(id).value.trim();
    if (v) params.set(name, v);
  }
  const s = params.toString();
  return s ? `&${s}` : '';
}

/** The status the queue lists now (REVIEW unless the reviewer looks for decided ones). */
export const status = () => $('queue-status').value;

/** Marks an appeal in the queue, and remembers the worker for the worker filter. */
export function mark(li, item) {
  if (item.appeal) {
    li.dataset.appeal = 'true';
    li.append(element('span', 'appeal', t('queue.appeal')));
  }
  if (!workers.has(item.workerId)) {
    workers.set(item.workerId, String(item.workerId));
    nameWorker(item.workerId);
  }
}

async function nameWorker(id) {
  const r = await api.call(`/workers/${id}`);
  if (r.ok) workers.set(id, (await r.json()).username);
  drawWorkers();
}

function drawWorkers() {
  const select = $('queue-worker');
  const chosen = select.value;
  select.replaceChildren(option('', t('queue.worker.all'), 'queue.worker.all'),
    ...[...workers].sort((a, b) => a[0] - b[0]).map(([id, name]) => option(String(id), name)));
  select.value = workers.has(Number(chosen)) ? chosen : '';
}

function drawUnits() {
  const select = $('queue-unit');
  const chosen = select.value;
  const hi = language() === 'hi';
  select.replaceChildren(option('', t('queue.unit.all'), 'queue.unit.all'),
    ...units.map((u) => option(String(u.id), (hi && u.nameHi) || u.name)));
  select.value = units.some((u) => String(u.id) === chosen) ? chosen : '';
}

/** Fills the unit filter with the units just below the reviewer's own. */
async function loadUnits() {
  const me = await api.call('/me');
  if (!me.ok) return;
  const unit = (await me.json()).unit;
  const r = await api.call(unit ? `/org-units?parentId=${unit.id}` : '/org-units');
  units = r.ok ? await r.json() : [];
  drawUnits();
}

function historyItem(h) {
  const li = element('li');
  li.dataset.event = h.event;
  li.append(element('span', 'when', WHEN.format(new Date(h.at))), element('span', 'event', t(`history.${h.event}`)));
  if (h.event === 'VERDICT') {
    li.append(element('span', 'outcome', t(`status.${h.outcome}`)));
    for (const doubt of h.comment.split(' ').filter(Boolean)) li.append(element('span', 'code', ruleName(doubt.split(':')[0])));
  } else {
    li.append(element('span', 'actor', h.actor));
    if (h.comment) li.append(element('q', 'comment', h.comment));
  }
  return li;
}

/** The opened enrolment's history, status and appeal box; accept/reject only while it is in REVIEW. */
export function showCase(c) {
  shown = c;
  const e = c.enrollment;
  const inReview = e.status === 'REVIEW';
  $('case-status').textContent = t(`status.${e.status}`);
  $('case-status').dataset.status = e.status;
  $('case-appeal').hidden = !c.appeal;
  $('review-history').replaceChildren(...c.history.map(historyItem));
  $('appeal-box').hidden = e.status !== 'REJECTED';
  $('review-decide').hidden = !inReview;
  const member = e.status === 'ACCEPTED' ? e.memberId : null;
  $('card-box').hidden = !member;
  $('card-member-id').textContent = member ?? '';
  say($('card-error'), null);
  $('appeal-reason').value = '';
  say($('appeal-error'), null);
}

async function appeal(reopen) {
  if (!shown) return;
  const reason = $('appeal-reason').value.trim();
  if (!reason) {
    say($('appeal-error'), 'appeal.needReason');
    $('appeal-reason').focus();
    return;
  }
  const r = await api.call(`/reviews/${shown.enrollment.submissionId}/appeal`, { method: 'POST', json: { reason } });
  if (!r.ok) return say($('appeal-error'), 'appeal.failed');
  say($('notice'), 'appeal.done');
  await reopen();
}

async function download(kind) {
  say($('export-error'), null);
  const unit = $('queue-unit').value;
  const r = await api.call(`/export/${kind}.csv${unit ? `?orgUnitId=${unit}` : ''}`);
  if (!r.ok) return say($('export-error'), 'export.failed');
  const name = /filename="?([^";]+)"?/.exec(r.headers.get('Content-Disposition') || '')?.[1] || `${kind}.csv`;
  await save(r, name);
}

/** The opened member's membership card (made and audited by the server), as PNG or PDF. */
async function card(format) {
  const member = shown?.enrollment.memberId;
  if (!member) return;
  say($('card-error'), null);
  const r = await api.call(`/members/${encodeURIComponent(member)}/card.${format}`);
  if (!r.ok) {
    const code = r.status === 409 ? (await r.json().catch(() => ({}))).code : null;
    return say($('card-error'), code === 'MEMBER_REVOKED' ? 'card.revoked' : 'card.failed');
  }
  await save(r, `card-${member}.${format}`);
}

/** Hands an answer to the browser as a download named {@code name}. */
async function save(r, name) {
  const url = URL.createObjectURL(await r.blob());
  const a = element('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  document.body.dataset.downloaded = name;
}

/** Re-draws the texts that are not data-i18n bound (after a language switch). */
export function redraw() {
  drawUnits();
  drawWorkers();
  if (shown) showCase(shown);
}

export function reset() {
  units = [];
  workers.clear();
  shown = null;
}

/** Wires the controls: {@code reload} loads the queue again, {@code reopen} the opened enrolment. */
export function setup({ reload, reopen }) {
  for (const id of ['queue-status', 'queue-unit', 'queue-worker', 'queue-from', 'queue-to']) {
    $(id).addEventListener('change', reload);
  }
  $('queue-search').addEventListener('keydown', (e) => { if (e.key === 'Enter') reload(); });
  $('queue-search').addEventListener('change', reload);
  $('appeal-submit').addEventListener('click', () => appeal(reopen));
  $('export-enrollments').addEventListener('click', () => download('enrollments'));
  $('export-members').addEventListener('click', () => download('members'));
  $('card-png').addEventListener('click', () => card('png'));
  $('card-pdf').addEventListener('click', () => card('pdf'));
}

/** After login: the unit filter's choices. */
export const start = loadUnits;
