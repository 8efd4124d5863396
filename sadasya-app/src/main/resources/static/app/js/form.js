// The member form: the server's format rules (from the catalogue) checked next to each field,
// then the enrolment stored in the outbox before the app says "saved".
import { language, rules, say } from './i18n.js';
import * as outbox from './outbox.js';

const $ = (id) => document.getElementById(id);
const DEVANAGARI = /[\u0900-\u097F]/;
let capture = null;
let booths = [];
let photoUrl = null;

const value = (id) => $(id).value.trim();

function showError(id, key) {
  say(document.querySelector(`[data-error-for="${id}"]`), key);
  $(id).setAttribute('aria-invalid', key ? 'true' : 'false');
  return !key;
}

const VALIDATORS = {
  'member-name': () => (value('member-name') ? null : 'err.name'),
  'member-mobile': () => (new RegExp(rules().mobile).test(value('member-mobile').replace(/\s/g, '')) ? null : 'err.mobile'),
  'member-epic': () => (new RegExp(rules().epic).test(value('member-epic').toUpperCase()) ? null : 'err.epic'),
  'member-age': () => {
    const age = Number(value('member-age'));
    return value('member-age') && Number.isInteger(age) && age >= rules().minAge && age <= rules().maxAge ? null : 'err.age';
  },
  'member-booth': () => (value('member-booth') ? null : 'err.booth'),
  'member-consent': () => ($('member-consent').checked ? null : 'err.consent'),
};

const check = (ids = Object.keys(VALIDATORS)) => ids.map((id) => showError(id, VALIDATORS[id]())).every(Boolean);

export function setBooths(list) {
  booths = list ?? [];
  const select = $('member-booth');
  const chosen = select.value;
  select.replaceChildren(...booths.map((b) => {
    const o = document.createElement('option');
    o.value = String(b.id);
    o.textContent = language() === 'hi' && b.nameHi ? b.nameHi : b.name;
    return o;
  }));
  if (chosen) select.value = chosen;
  gpsWarning();
}

function gpsWarning() {
  const fix = capture?.fix;
  const booth = booths.find((b) => String(b.id) === $('member-booth').value);
  $('gps-accuracy').textContent = fix ? String(Math.round(fix.accuracyMeters)) : '';
  $('gps-label').hidden = !fix;
  const key = !fix ? 'form.gpsNone' : booth?.radiusMeters && fix.accuracyMeters > booth.radiusMeters ? 'form.gpsCoarse' : null;
  say($('gps-warning'), key);
}

/** Opens the form for a fresh capture, or for an entry that needs correction. */
export function start(captured, correcting = null) {
  // one id per capture: saving again after a failed or timed-out save replaces the same entry,
  // and the server treats a resend of it as the same enrolment; a correction is a new enrolment
  capture = { ...captured, submissionId: crypto.randomUUID() };
  if (photoUrl) URL.revokeObjectURL(photoUrl);
  photoUrl = URL.createObjectURL(captured.photo);
  $('form-photo').src = photoUrl;
  $('form-no-ticket').hidden = !!captured.challenge;
  const m = correcting ? JSON.parse(correcting.dataJson).member : {};
  $('member-name').value = m.nameHi ?? m.name ?? '';
  $('member-mobile').value = m.mobile ?? '';
  $('member-epic').value = m.epic ?? '';
  $('member-age').value = m.age ?? '';
  $('member-gender').value = m.gender ?? '';
  $('member-consent').checked = false;
  if (correcting) $('member-booth').value = String(JSON.parse(correcting.dataJson).boothId);
  else if (booths.length === 1) $('member-booth').value = String(booths[0].id);
  say($('form-correction'), correcting ? 'form.correction' : null);
  document.querySelectorAll('[data-error-for]').forEach((el) => say(el, null));
  say($('form-error'), null);
  gpsWarning();
}

/** Validates and stores; resolves true once the entry is on the phone. */
export async function save(workerId) {
  if (!check()) return false;
  const name = value('member-name');
  const gender = value('member-gender');
  const data = {
    submissionId: capture.submissionId,
    boothId: Number(value('member-booth')),
    member: { name, ...(DEVANAGARI.test(name) ? { nameHi: name } : {}),
      mobile: value('member-mobile').replace(/\s/g, ''), epic: value('member-epic').toUpperCase(),
      age: Number(value('member-age')), ...(gender ? { gender } : {}) },
    ...(capture.fix ? { latitude: capture.fix.latitude, longitude: capture.fix.longitude,
      accuracyMeters: capture.fix.accuracyMeters, locatedAt: capture.fix.locatedAt } : {}),
    capturedAt: capture.capturedAt,
    consent: true,
    ...(capture.challenge ? { challenge: capture.challenge } : {}),
  };
  try {
    await outbox.save({ submissionId: data.submissionId, workerId, status: outbox.QUEUED, createdAt: Date.now(),
      dataJson: JSON.stringify(data), photo: capture.photo, burst: capture.burst, noTicket: !capture.challenge,
      memberName: name });
  } catch (e) {
    say($('form-error'), e?.name === 'QuotaExceededError' ? 'err.storage' : 'err.storageOther');
    return false;
  }
  return true;
}

export function bind() {
  $('member-booth').addEventListener('change', gpsWarning);
  for (const id of ['member-mobile', 'member-epic', 'member-age']) {
    $(id).addEventListener('blur', () => { if (value(id)) check([id]); });
  }
}
