// The "workers" screen: workers below the reviewer's unit ranked by their fraud signals
// (GET /api/v1/workers/signals), each signal with its figures and, on a click, the enrolments
// behind it; those still in review open in the case view.
import * as i18n from '/app/js/i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
let workers = [];
let hooks = {};

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A label-number list; each label is a catalogue text, each value a number. */
function figures(pairs) {
  const dl = el('dl', 'figures');
  for (const [key, value] of pairs) dl.append(el('dt', null, i18n.t(key)), el('dd', null, String(value)));
  return dl;
}

function cases(signal, worker) {
  const byId = new Map(worker.cases.map((c) => [c.submissionId, c]));
  const ul = el('ul', 'cases');
  ul.dataset.code = signal.code;
  for (const id of signal.evidence.submissionIds) {
    const c = byId.get(id);
    const li = el('li');
    li.dataset.submissionId = id;
    li.dataset.status = c.status;
    li.append(el('span', 'when', c.at ? WHEN.format(new Date(c.at)) : ''),
      el('span', 'status', i18n.t(`workers.status.${c.status}`)), el('code', 'id', id));
    if (c.status === 'REVIEW') {
      const open = el('button', 'open', i18n.t('workers.open'));
      open.type = 'button';
      open.addEventListener('click', () => hooks.openCase(id));
      li.append(open);
    }
    ul.append(li);
  }
  return ul;
}

function signalItem(signal, worker) {
  const li = el('li', 'signal');
  li.dataset.code = signal.code;
  const head = el('button', 'code', i18n.t(`signal.${signal.code}`));
  head.type = 'button';
  head.setAttribute('aria-expanded', 'false');
  const why = el('p', 'why', i18n.t(`signal.${signal.code}.why`));
  const numbers = Object.entries(signal.evidence).filter(([k]) => k !== 'submissionIds').map(([k, v]) => [`sev.${k}`, v]);
  const drill = el('div', 'drill');
  drill.hidden = true;
  drill.append(el('h3', null, i18n.t('workers.cases')), cases(signal, worker));
  head.addEventListener('click', () => {
    drill.hidden = !drill.hidden;
    head.setAttribute('aria-expanded', String(!drill.hidden));
  });
  li.append(head, why, figures(numbers), drill);
  return li;
}

function workerItem(w) {
  const li = el('li', 'worker');
  li.dataset.workerId = w.workerId;
  li.dataset.signals = w.signals.map((s) => s.code).join(' ');
  const unit = i18n.language() === 'hi' && w.unitNameHi ? w.unitNameHi : w.unitName;
  const head = el('div', 'head');
  head.append(el('span', 'name', w.name ?? ''), el('span', 'unit', unit ?? ''));
  li.append(head, figures([['workers.enrolments', w.enrolments], ['workers.accepted', w.accepted],
    ['workers.rejected', w.rejected], ['workers.review', w.review]]));
  if (w.signals.length === 0) {
    li.append(el('p', 'rule', i18n.t('workers.none')));
  } else {
    const list = el('ul', 'signals');
    list.append(...w.signals.map((s) => signalItem(s, w)));
    li.append(list);
  }
  return li;
}

/** Draws the list again (after a language switch); which drill-downs were open is not kept. */
export function draw() {
  $('workers-empty').hidden = workers.length > 0;
  $('worker-signals').replaceChildren(...workers.map(workerItem));
}

export async function load() {
  hooks.show('workers');
  const r = await api.call('/workers/signals');
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return i18n.say($('workers-error'), 'workers.failed');
  i18n.say($('workers-error'), null);
  workers = await r.json();
  draw();
  document.body.dataset.workers = 'loaded';
}

export function clear() {
  workers = [];
  delete document.body.dataset.workers;
  $('worker-signals').replaceChildren();
}

/** {@code show(screen)}, {@code openCase(submissionId)} and {@code logout()} come from main.js. */
export function init(h) {
  hooks = h;
  $('nav-workers').addEventListener('click', load);
  $('workers-back').addEventListener('click', () => h.back());
}
