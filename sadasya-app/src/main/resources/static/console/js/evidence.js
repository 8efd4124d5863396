// One opened enrolment: selfie, burst strip, every rule with its outcome, sentence and figures, and
// the GPS plot. Every text comes from the catalogue; figures and ids are data.
import { has, language, t } from '/app/js/i18n.js';
import * as api from './api.js';
import * as map from './map.js';

const $ = (id) => document.getElementById(id);
/** Evidence figures worth a reviewer's eye, shown with their catalogue label. */
const FIGURES = ['faces', 'ignoredFaces', 'similarity', 'threshold', 'distanceMeters', 'radiusMeters',
  'accuracyMeters', 'fixGapSeconds', 'burstFrames', 'maxSpoofScore', 'imageSpoofScore', 'distanceBits', 'uploadDelaySeconds',
  'gapSeconds', 'matchedMemberId', 'matchedSubmissionId'];
let urls = [];

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The rule's sentence: the liveness reason, else the worker app's sentence for a doubt or failure. */
export function sentence(reason) {
  const why = reason.evidence?.reason;
  if (reason.code === 'LIVENESS' && why && has(`liveness.${why}`)) return t(`liveness.${why}`);
  if (reason.outcome === 'PASS') return has(`pass.${reason.code}`) ? t(`pass.${reason.code}`) : t('pass.other');
  return has(`reason.${reason.code}.${reason.outcome}`) ? t(`reason.${reason.code}.${reason.outcome}`) : t('reason.other');
}

export const ruleName = (code) => (has(`rule.${code}`) ? t(`rule.${code}`) : code);

function rule(reason) {
  const li = element('li');
  li.dataset.code = reason.code;
  li.dataset.outcome = reason.outcome;
  li.append(element('span', 'name', ruleName(reason.code)), element('span', 'outcome', t(`outcome.${reason.outcome}`)));
  li.append(element('p', 'detail', sentence(reason)));
  const figures = element('dl');
  for (const key of FIGURES) {
    const value = reason.evidence?.[key];
    if (value === undefined || value === null || typeof value === 'object') continue;
    figures.append(element('dt', null, t(`ev.${key}`)), element('dd', null, String(value)));
  }
  if (figures.childElementCount) li.append(figures);
  return li;
}

function release() {
  urls.forEach((u) => URL.revokeObjectURL(u));
  urls = [];
}

async function image(img, path) {
  const url = await api.imageUrl(path);
  urls.push(url);
  img.src = url;
}

/** Frames the member's face on the selfie, in the photo's own pixels, once it has decoded. */
async function memberBox(c) {
  const photo = $('evidence-photo');
  const svg = $('evidence-boxes');
  svg.replaceChildren();
  const box = c.memberFace;
  if (!box) return;
  await photo.decode();
  svg.setAttribute('viewBox', `0 0 ${photo.naturalWidth} ${photo.naturalHeight}`);
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ class: 'member-box', x: box.x, y: box.y, width: box.width, height: box.height })) {
    rect.setAttribute(k, v);
  }
  svg.append(rect);
  svg.toggleAttribute('hidden', false);
  $('evidence-boxes-legend').hidden = false;
}

/** The worker's reference faces beside the selfie, with the match figures of WORKER_MATCH. */
function referenceFaces(c) {
  const strip = $('evidence-reference');
  strip.replaceChildren();
  $('evidence-no-reference').hidden = c.referenceFaces > 0;
  const match = c.enrollment.reasons.find((r) => r.code === 'WORKER_MATCH')?.evidence ?? {};
  const scored = match.similarity != null && match.threshold != null;
  $('evidence-reference-score').hidden = !scored;
  $('evidence-reference-similarity').textContent = scored ? String(match.similarity) : '';
  $('evidence-reference-threshold').textContent = scored ? String(match.threshold) : '';
  const loads = [];
  for (let n = 0; n < c.referenceFaces; n++) {
    const face = element('img');
    face.alt = '';
    face.dataset.face = n;
    strip.append(face);
    loads.push(image(face, `/workers/${c.workerId}/reference-face/${n}`));
  }
  return loads;
}

/**
 * The member this enrolment may duplicate (DUPLICATE_FACE's match), also from another district:
 * the one audited exception to scope, reached through this enrolment only.
 */
async function candidate(c) {
  const box = $('evidence-candidate');
  box.hidden = true;
  delete box.dataset.memberId;
  const matched = c.enrollment.reasons.find((r) => r.code === 'DUPLICATE_FACE')?.evidence?.matchedMemberId;
  if (!matched) return;
  const id = c.enrollment.submissionId;
  const r = await api.call(`/reviews/${id}/candidate`);
  if (!r.ok) throw new Error(`candidate: ${r.status}`);
  const m = await r.json();
  $('evidence-candidate-member').textContent = m.memberId;
  const booth = (language() === 'hi' && m.boothNameHi) ? m.boothNameHi : m.boothName;
  $('evidence-candidate-booth').replaceChildren(element('span', null, booth ?? ''), element('code', null, m.boothCode));
  $('evidence-candidate-similarity').textContent = m.similarity == null ? '' : String(m.similarity);
  $('evidence-candidate-threshold').textContent = m.threshold == null ? '' : String(m.threshold);
  $('evidence-candidate-outside').hidden = !m.outOfScope;
  box.dataset.memberId = m.memberId;
  box.hidden = false;
  const face = $('evidence-candidate-face');
  face.hidden = !m.face;
  if (m.face) await image(face, `/reviews/${id}/candidate/face`);
}

/** Shows the case (GET /reviews/{id}); resolves once the photos are in. */
export async function show(c) {
  release();
  const e = c.enrollment;
  const m = c.member ?? {};
  $('evidence-member').replaceChildren(...[m.nameHi, m.name].filter(Boolean).map((n) => element('span', null, n)));
  $('review-evidence').dataset.submissionId = e.submissionId;
  $('evidence-rules').replaceChildren(...e.reasons.map(rule));
  const others = (c.sameDay ?? []).filter((o) => o.latitude != null);
  const placed = map.draw($('evidence-map'), c.position, c.booth, others);
  $('evidence-same-day').hidden = !placed || others.length === 0;
  $('evidence-map').toggleAttribute('hidden', !placed); // an SVG element has no hidden property
  $('evidence-legend').hidden = !placed;
  $('evidence-no-position').hidden = placed;
  $('evidence-no-burst').hidden = c.burstFrames > 0;
  const strip = $('evidence-burst');
  strip.replaceChildren();
  $('evidence-boxes').toggleAttribute('hidden', true);
  $('evidence-boxes-legend').hidden = true;
  const loads = [image($('evidence-photo'), `/enrollments/${e.submissionId}/photo`).then(() => memberBox(c))];
  for (let n = 0; n < c.burstFrames; n++) {
    const frame = element('img');
    frame.alt = '';
    frame.dataset.frame = n;
    strip.append(frame);
    loads.push(image(frame, `/enrollments/${e.submissionId}/burst/${n}`));
  }
  loads.push(...referenceFaces(c), candidate(c));
  const results = await Promise.allSettled(loads);
  const failed = results.some((r) => r.status === 'rejected');
  const error = $('evidence-photo-error');
  error.hidden = !failed;
  if (failed) {
    error.dataset.i18n = 'photo.failed';
    error.textContent = t('photo.failed');
  }
}

export const clear = release;
