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

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

/**
 * The counted faces as FACE_COUNT recorded them (number, role, box as fractions of the photo, the
 * detector's verdict); a decision from before boxes were recorded has only the member's box.
 */
function countedFaces(c) {
  const boxes = c.enrollment.reasons.find((r) => r.code === 'FACE_COUNT')?.evidence?.boxes;
  if (Array.isArray(boxes)) return boxes;
  return c.memberFace ? [{ role: 'MEMBER', ...c.memberFace }] : [];
}

/** Frames and numbers each counted face on the selfie, in the photo's own pixels, once it has decoded. */
async function faceBoxes(c, faces) {
  const photo = $('evidence-photo');
  const boxes = $('evidence-boxes');
  boxes.replaceChildren();
  if (!faces.length) return;
  await photo.decode();
  const w = photo.naturalWidth;
  const h = photo.naturalHeight;
  boxes.setAttribute('viewBox', `0 0 ${w} ${h}`);
  faces.forEach((f, i) => {
    const role = (f.role ?? 'none').toLowerCase();
    const rect = svg('rect', { class: `face-box ${role}-box`, x: f.x * w, y: f.y * h, width: f.width * w,
      height: f.height * h });
    rect.dataset.role = f.role ?? '';
    if (f.face !== undefined) rect.dataset.face = f.face;
    const label = svg('text', { class: 'face-number', x: f.x * w + 4, y: f.y * h - 6, 'font-size': h / 20 });
    label.textContent = String(i + 1);
    boxes.append(rect, label);
  });
  boxes.toggleAttribute('hidden', false);
  $('evidence-boxes-legend').hidden = false;
}

/** One line per counted face: its number, crop, role, what the challenge and the detector said. */
function faceList(c, faces) {
  const list = $('evidence-faces');
  list.replaceChildren();
  const challenge = c.enrollment.reasons.find((r) => r.code === 'LIVENESS')?.evidence?.faces ?? [];
  const loads = [];
  faces.forEach((f, i) => {
    const li = element('li');
    li.dataset.role = f.role ?? '';
    li.append(element('span', 'face-number', String(i + 1)));
    if (f.face !== undefined) {
      const crop = element('img');
      crop.alt = '';
      li.append(crop);
      loads.push(image(crop, `/enrollments/${c.enrollment.submissionId}/faces/${f.face}`));
    }
    li.append(element('span', 'role', t(`evidence.role.${f.role ?? 'NONE'}`)));
    const followed = challenge.find((x) => x.face === f.face)?.verdict;
    li.dataset.challenge = followed ?? 'NONE';
    li.append(element('span', 'challenge', t(`evidence.challenge.${followed ?? 'NONE'}`)));
    if (f.singleImage) {
      li.append(element('span', 'detector', t(`evidence.detector.${f.singleImage}`)));
      if (f.spoofScore !== undefined) li.append(element('span', 'score', String(f.spoofScore)));
    }
    list.append(li);
  });
  return loads;
}

/** Per counted face (numbered as on the selfie), its turn and look-up in each burst frame, from LIVENESS. */
function headMotion(c, faces) {
  const judged = c.enrollment.reasons.find((r) => r.code === 'LIVENESS')?.evidence?.faces ?? [];
  return judged.filter((j) => Array.isArray(j.evidence?.frameYawDegrees)).map((j) => ({
    number: faces.findIndex((f) => f.face === j.face) + 1,
    yaw: j.evidence.frameYawDegrees,
    pitch: j.evidence.framePitchDegrees ?? [],
  })).filter((m) => m.number > 0);
}

/** Under frame n: for each face, how far the head was turned (+ = to the person's own left) and raised. */
function motionCaption(motion, n) {
  const caption = element('figcaption');
  for (const m of motion) {
    if (m.yaw[n] == null) continue;
    const line = element('div');
    line.dataset.face = m.number;
    line.append(element('span', 'face-number', String(m.number)), element('span', null, t('evidence.turn')),
      element('span', 'yaw', String(Math.round(m.yaw[n]))), element('span', null, t('evidence.up')),
      element('span', 'pitch', String(Math.round(m.pitch[n] ?? 0))));
    caption.append(line);
  }
  return caption;
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
  const loads = [m.face ? image(face, `/reviews/${id}/candidate/face`) : Promise.resolve(), moreCandidates(id, m.memberId)];
  await Promise.all(loads);
}

/** The other members this enrolment resembles, most alike first, each with its crop, id, booth and similarity. */
async function moreCandidates(id, shownFirst) {
  const list = $('evidence-candidates');
  list.replaceChildren();
  $('evidence-more-candidates').hidden = true;
  const r = await api.call(`/reviews/${id}/candidates`);
  if (!r.ok) throw new Error(`candidates: ${r.status}`);
  const others = (await r.json()).filter((m) => m.memberId !== shownFirst);
  const loads = [];
  for (const m of others) {
    const li = element('li');
    li.dataset.memberId = m.memberId;
    if (m.face) {
      const crop = element('img');
      crop.alt = '';
      li.append(crop);
      loads.push(image(crop, `/reviews/${id}/candidates/${encodeURIComponent(m.memberId)}/face`));
    }
    const booth = (language() === 'hi' && m.boothNameHi) ? m.boothNameHi : m.boothName;
    li.append(element('code', null, m.memberId), element('span', null, booth ?? ''), element('code', null, m.boothCode),
      element('span', null, t('evidence.referenceSimilarity')), element('span', 'score', String(m.similarity)));
    if (m.outOfScope) li.append(element('span', 'rule', t('evidence.candidateElsewhere')));
    list.append(li);
  }
  $('evidence-more-candidates').hidden = others.length === 0;
  await Promise.all(loads);
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
  const tiles = (await map.loadSettings()).mapTiles;
  const placed = map.draw($('evidence-map'), c.position, c.booth, others, tiles);
  const credit = $('evidence-map-attribution');
  credit.textContent = tiles?.attribution ?? '';
  credit.hidden = !placed || !tiles?.attribution;
  $('evidence-same-day').hidden = !placed || others.length === 0;
  $('evidence-map').toggleAttribute('hidden', !placed); // an SVG element has no hidden property
  $('evidence-legend').hidden = !placed;
  $('evidence-no-position').hidden = placed;
  $('evidence-no-burst').hidden = c.burstFrames > 0;
  const strip = $('evidence-burst');
  strip.replaceChildren();
  $('evidence-boxes').toggleAttribute('hidden', true);
  $('evidence-boxes-legend').hidden = true;
  const faces = countedFaces(c);
  const loads = [image($('evidence-photo'), `/enrollments/${e.submissionId}/photo`).then(() => faceBoxes(c, faces)),
    ...faceList(c, faces)];
  const motion = headMotion(c, faces);
  $('evidence-motion').hidden = motion.length === 0;
  for (let n = 0; n < c.burstFrames; n++) {
    const frame = element('img');
    frame.alt = '';
    frame.dataset.frame = n;
    const figure = element('figure');
    figure.append(frame, motionCaption(motion, n));
    strip.append(figure);
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
