// The "people" screen, for running the drive: create workers (and, for an admin, reviewers) in
// scope, enrol a worker's reference face, reset a password, deactivate or reactivate an account,
// and import booths from a CSV with a report of the rows refused.
import * as i18n from '/app/js/i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
let people = [];
let hooks = {};
let role = null;
let me = null;
/** The last import's report, kept to draw again after a language switch. */
let report = null;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(key, onClick, className) {
  const b = el('button', className, i18n.t(key));
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A refusal in the reader's words: the first field error, else the problem's code, else a general text. */
async function refusal(r) {
  let body = {};
  try {
    body = await r.json();
  } catch {
    // not a problem document: the general text
  }
  const first = Array.isArray(body.errors) ? body.errors[0] : null;
  if (first && i18n.has(first.code)) return i18n.t(first.code).replace('{0}', first.field);
  if (body.code && i18n.has(`problem.${body.code}`)) return i18n.t(`problem.${body.code}`);
  return i18n.t('people.failed');
}

/** Shows a sentence the server's answer gave (already in the reader's language), or hides the element. */
function sayText(element, text) {
  delete element.dataset.i18n;
  element.textContent = text ?? '';
  element.hidden = !text;
}

function notify(key) {
  i18n.say($('people-notice'), key);
}

const unitName = (p) => (i18n.language() === 'hi' && p.unitNameHi ? p.unitNameHi : p.unitName) ?? '';

function personItem(p) {
  const li = el('li', 'person');
  li.dataset.userId = p.id;
  li.dataset.role = p.role;
  li.dataset.active = String(p.active);
  const head = el('div', 'head');
  head.append(el('span', 'name', p.name), el('code', 'username', p.username),
    el('span', 'role', i18n.t(`people.role.${p.role}`)), el('span', 'unit', unitName(p)),
    el('code', 'unit-code', p.unitCode ?? ''));
  if (!p.active) head.append(el('span', 'inactive', i18n.t('people.inactive')));
  li.append(head);
  // a reviewer manages workers; an admin everyone, but does not lock itself out
  const manageable = role === 'ADMIN' || p.role === 'WORKER';
  if (p.role === 'WORKER') {
    const faces = el('p', 'faces');
    faces.append(el('span', null, i18n.t('people.faces')), el('span', 'count', ` ${p.referenceFaces}`));
    li.append(faces);
  }
  if (!manageable) return li;
  const error = el('p', 'error');
  error.hidden = true;
  error.setAttribute('role', 'alert');
  const actions = el('div', 'actions');
  const password = el('input', 'new-password');
  password.type = 'password';
  password.autocomplete = 'new-password';
  password.setAttribute('aria-label', i18n.t('people.newPassword'));
  password.placeholder = i18n.t('people.newPassword');
  actions.append(password, button('people.setPassword', () => resetPassword(p, password, error), 'set-password'));
  if (p.id !== me) {
    actions.append(button(p.active ? 'people.deactivate' : 'people.reactivate',
      () => setActive(p, !p.active, error), p.active ? 'deactivate bad' : 'reactivate'));
  }
  if (p.role === 'WORKER') {
    const label = el('label', 'face-label', i18n.t('people.referenceFace'));
    const file = el('input', 'reference-face');
    file.type = 'file';
    file.accept = 'image/jpeg,image/png';
    file.id = `face-${p.id}`;
    label.htmlFor = file.id;
    file.addEventListener('change', () => referenceFace(p, file, error));
    actions.append(label, file);
  }
  li.append(actions, error);
  return li;
}

/** Draws the list again (after a change or a language switch). */
export function draw() {
  const query = $('people-filter').value.trim().toLowerCase();
  const shown = people.filter((p) => !query || p.name.toLowerCase().includes(query) || p.username.includes(query)
    || (p.unitCode ?? '').toLowerCase().includes(query));
  $('people-empty').hidden = shown.length > 0;
  $('people-list').replaceChildren(...shown.map(personItem));
  // only an admin creates reviewers
  const reviewer = $('people-role').querySelector('option[value="REVIEWER"]');
  reviewer.hidden = reviewer.disabled = role !== 'ADMIN';
  if (report) drawReport();
}

async function load() {
  const r = await api.call('/users?limit=500');
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return i18n.say($('people-error'), 'people.failed');
  i18n.say($('people-error'), null);
  people = await r.json();
  draw();
  document.body.dataset.people = 'loaded';
}

async function create() {
  const error = $('people-create-error');
  const kind = $('people-role').value;
  const name = $('people-name').value.trim();
  const username = $('people-username').value.trim();
  const password = $('people-password').value;
  const orgUnitCode = $('people-unit').value.trim();
  const r = kind === 'WORKER'
    ? await api.call('/workers', { method: 'POST', json: { name, mobile: username, password, orgUnitCode } })
    : await api.call('/users', { method: 'POST', json: { username, name, password, role: kind, orgUnitCode } });
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return sayText(error, await refusal(r));
  sayText(error, null);
  for (const id of ['people-name', 'people-username', 'people-password']) $(id).value = '';
  notify('people.created');
  await load();
}

async function resetPassword(p, input, error) {
  const r = await api.call(`/users/${p.id}/password`, { method: 'POST', json: { password: input.value } });
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return sayText(error, await refusal(r));
  input.value = '';
  sayText(error, null);
  notify('people.passwordSet');
}

async function setActive(p, active, error) {
  const r = await api.call(`/users/${p.id}/active`, { method: 'POST', json: { active } });
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return sayText(error, await refusal(r));
  notify(active ? 'people.reactivated' : 'people.deactivated');
  await load();
}

async function referenceFace(p, input, error) {
  const file = input.files[0];
  if (!file) return;
  const form = new FormData();
  form.append('photo', file);
  const r = await api.call(`/workers/${p.id}/reference-face`, { method: 'POST', form });
  input.value = '';
  if (r.status === 401) return hooks.logout();
  if (!r.ok) return sayText(error, await refusal(r));
  notify('people.faceEnrolled');
  await load();
}

function drawReport() {
  $('units-report').hidden = false;
  $('units-report-rows').textContent = String(report.rows);
  $('units-report-created').textContent = String(report.created);
  $('units-report-unchanged').textContent = String(report.unchanged);
  $('units-report-refused').textContent = String(report.refused.length);
  const box = $('units-report');
  box.dataset.created = report.created;
  box.dataset.unchanged = report.unchanged;
  box.dataset.refused = report.refused.length;
  $('units-refused').replaceChildren(...report.refused.map((f) => {
    const tr = el('tr');
    tr.dataset.line = f.line;
    tr.dataset.reason = f.reason;
    tr.append(el('td', null, String(f.line)), el('td', null, f.code ?? ''), el('td', null, f.field ?? ''),
      el('td', null, i18n.t(`import.reason.${f.reason}`)));
    return tr;
  }));
}

async function importUnits() {
  const error = $('import-error');
  const file = $('units-file').files[0];
  if (!file) return i18n.say(error, 'import.noFile');
  // the server reads text/csv; some systems give a CSV no type or a spreadsheet's
  const csv = new File([file], file.name, { type: 'text/csv' });
  const r = await api.call('/org-units/import', { method: 'POST', file: csv });
  if (r.status === 401) return hooks.logout();
  if (!r.ok) {
    $('units-report').hidden = true;
    report = null;
    return sayText(error, await refusal(r));
  }
  sayText(error, null);
  report = await r.json();
  drawReport();
  document.body.dataset.imported = String(report.rows);
}

export function clear() {
  people = [];
  report = null;
  role = null;
  me = null;
  delete document.body.dataset.people;
  delete document.body.dataset.imported;
  $('people-list').replaceChildren();
  $('units-refused').replaceChildren();
  $('units-report').hidden = true;
}

/** The screen opens on its own navigation button; {@code logout()} comes from main.js. */
export function init(h) {
  hooks = h;
  $('nav-people').addEventListener('click', load);
  $('people-create').addEventListener('click', create);
  $('people-filter').addEventListener('input', draw);
  $('units-import').addEventListener('click', importUnits);
}

/** Who is logged in: an admin may create reviewers too. */
export function setUser(r, userId) {
  role = r;
  me = userId;
}
