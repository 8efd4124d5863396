// Home: counts, and the worker's enrolments, those on the phone first, then the server's list.
// Reasons are sentences from the catalogue keyed by reason code and outcome, never raw codes.
import { has, t, tFirst } from './i18n.js';
import * as outbox from './outbox.js';
import * as store from './store.js';

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function reasonSentences(item) {
  const wanted = item.status === 'REJECTED' ? 'REJECT' : item.status === 'REVIEW' ? 'REVIEW' : null;
  if (!wanted) return [];
  const keys = (item.reasons ?? []).filter((r) => r.outcome === wanted)
    .map((r) => (has(`reason.${r.code}.${r.outcome}`) ? `reason.${r.code}.${r.outcome}` : 'reason.other'));
  return [...new Set(keys.length ? keys : ['reason.other'])].map(t);
}

function correctionSentence(problem) {
  if (problem.field && has(`fix.${problem.field}`)) return t(`fix.${problem.field}`);
  if (problem.code?.startsWith('IMAGE_')) return t('problem.IMAGE');
  return tFirst(`problem.${problem.code}`, 'problem.other');
}

function row(item, onCorrect) {
  const li = el('li');
  li.dataset.submissionId = item.submissionId;
  li.dataset.status = item.status;
  if (item.memberName) li.append(el('span', 'name', item.memberName));
  li.append(el('span', 'status', t(`status.${item.status}`)));
  if (item.memberId) li.append(el('span', 'mid', item.memberId));
  const sentences = item.status === outbox.NEEDS_CORRECTION ? [correctionSentence(item.problem)]
    : item.status === outbox.QUEUED && item.noTicket ? [t('capture.noTicketNote')] : reasonSentences(item);
  for (const s of sentences) li.append(el('p', 'reason', s));
  if (item.status === outbox.NEEDS_CORRECTION) {
    const b = el('button', 'correct', t('home.correct'));
    b.type = 'button';
    b.addEventListener('click', () => onCorrect(item));
    li.append(b);
  }
  return li;
}

/** Draws the home screen from the outbox and the last list the server sent (kept for offline use). */
export async function render(onCorrect) {
  const local = await outbox.mine();
  const page = (await store.get('kv', 'mine')) ?? { items: [], counts: { today: 0, week: 0 } };
  const onPhone = new Set(local.map((e) => e.submissionId));
  const items = [...local, ...page.items.filter((i) => !onPhone.has(i.submissionId))];
  $('outbox-count').textContent = String(local.filter((e) => e.status === outbox.QUEUED).length);
  $('count-today').textContent = String(page.counts.today);
  $('count-week').textContent = String(page.counts.week);
  $('enrolments').replaceChildren(...items.map((i) => row(i, onCorrect)));
  $('enrolments-empty').hidden = items.length > 0;
  return items;
}

/** Keeps an entry just sent on the list as "sent" until the server's list names it. */
export async function remember(entry) {
  const page = (await store.get('kv', 'mine')) ?? { items: [], counts: { today: 0, week: 0 } };
  if (page.items.some((i) => i.submissionId === entry.submissionId)) return;
  page.items.unshift({ submissionId: entry.submissionId, status: 'RECEIVED', reasons: [], memberName: entry.memberName });
  await store.put('kv', page, 'mine');
}

export async function keep(page) {
  const old = (await store.get('kv', 'mine')) ?? { items: [] };
  const known = new Set(page.items.map((i) => i.submissionId));
  // "sent" entries the server's first page does not show yet stay until it does
  const pending = old.items.filter((i) => i.status === 'RECEIVED' && !known.has(i.submissionId) && !i.receivedAt);
  await store.put('kv', { items: [...pending, ...page.items], counts: page.counts }, 'mine');
}
