// The dashboard: one unit's totals, the per-day trend (Chart.js, served by the app as a WebJar and
// loaded by index.html as window.Chart), its child units with drill-down and a breadcrumb back up,
// its workers, the rules that reject most, the median time to a decision and the review backlog.
// Every number comes from GET /api/v1/dashboard and /dashboard/workers (SQL aggregates on the server).
import * as i18n from '/app/js/i18n.js';
import * as api from './api.js';
import { ruleName } from './evidence.js';

const $ = (id) => document.getElementById(id);
const COUNTS = ['submitted', 'accepted', 'rejected', 'review'];
const COLOURS = { submitted: '#20324f', accepted: '#1e6b2e', rejected: '#a4161a', review: '#9a6200' };
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
let shown = null; // { dashboard, workers }
let chart = null;

const cell = (text, className) => {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
};

/** A unit's name in the page's language (the Hindi name where the unit has one). */
const unitName = (u) => (i18n.language() === 'hi' && u.nameHi ? u.nameHi : u.name);

/** Opens the dashboard of a unit (null: the caller's own scope). */
export async function open(orgUnitId = null) {
  const query = orgUnitId === null ? '' : `?orgUnitId=${encodeURIComponent(orgUnitId)}`;
  const [d, w] = await Promise.all([api.call(`/dashboard${query}`), api.call(`/dashboard/workers${query}`)]);
  if (!d.ok || !w.ok) {
    i18n.say($('dashboard-error'), 'dashboard.failed');
    return;
  }
  i18n.say($('dashboard-error'), null);
  shown = { dashboard: await d.json(), workers: await w.json() };
  draw();
}

/** Draws what is shown again, e.g. in the other language. */
export function draw() {
  if (!shown) return;
  const d = shown.dashboard;
  $('dashboard-unit').textContent = d.orgUnit ? unitName(d.orgUnit) : i18n.t('dashboard.everything');
  drawBreadcrumb(d);
  drawTotals(d);
  drawChart(d.byDay);
  drawChildren(d.byChild);
  drawWorkers(shown.workers);
  drawReasons(d.topRejectionReasons);
  drawTimes(d);
  document.body.dataset.dashboard = d.orgUnit ? String(d.orgUnit.id) : 'all';
}

function drawBreadcrumb(d) {
  const crumbs = d.ancestors.map((u) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.orgUnitId = u.id;
    b.textContent = unitName(u);
    b.addEventListener('click', () => open(u.id));
    return b;
  });
  $('dashboard-breadcrumb').replaceChildren(...crumbs);
  $('dashboard-breadcrumb').hidden = crumbs.length === 0;
}

function drawTotals(d) {
  const totals = $('dashboard-totals');
  for (const k of COUNTS) {
    totals.dataset[k] = d[k];
    totals.querySelector(`[data-count="${k}"]`).textContent = d[k];
  }
}

function drawChart(days) {
  const canvas = $('dashboard-chart');
  canvas.setAttribute('aria-label', i18n.t('dashboard.byDay'));
  $('dashboard-no-days').hidden = days.length > 0;
  canvas.hidden = days.length === 0;
  const data = {
    labels: days.map((x) => x.day.slice(8, 10) + '/' + x.day.slice(5, 7)),
    datasets: COUNTS.map((k) => ({ label: i18n.t(`dashboard.${k}`), data: days.map((x) => x[k]),
      borderColor: COLOURS[k], backgroundColor: COLOURS[k], tension: 0.2 })),
  };
  if (chart) {
    chart.data = data;
    chart.update();
    return;
  }
  // no animation: the chart is drawn at once, also for the test that reads its pixels
  chart = new window.Chart(canvas, { type: 'line', data, options: { animation: false, responsive: true,
    maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    plugins: { legend: { position: 'bottom' } } } });
}

function drawChildren(children) {
  $('dashboard-children-block').hidden = children.length === 0;
  $('dashboard-children').replaceChildren(...children.map((c) => {
    const tr = document.createElement('tr');
    tr.dataset.orgUnitId = c.orgUnitId;
    const name = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = unitName(c);
    b.addEventListener('click', () => open(c.orgUnitId));
    name.append(b);
    tr.append(name, cell(i18n.t(`dashboard.level.${c.level}`)), ...COUNTS.map((k) => cell(c[k], 'num')));
    return tr;
  }));
}

function drawWorkers(workers) {
  $('dashboard-no-workers').hidden = workers.length > 0;
  $('dashboard-workers').replaceChildren(...workers.map((w) => {
    const tr = document.createElement('tr');
    tr.dataset.workerId = w.workerId;
    tr.append(cell(w.name), ...COUNTS.map((k) => cell(w[k], 'num')));
    return tr;
  }));
}

function drawReasons(reasons) {
  $('dashboard-no-reasons').hidden = reasons.length > 0;
  $('dashboard-reasons').replaceChildren(...reasons.map((r) => {
    const li = document.createElement('li');
    li.dataset.code = r.code;
    li.dataset.count = r.count;
    const name = document.createElement('span');
    name.textContent = ruleName(r.code);
    const n = document.createElement('span');
    n.className = 'num';
    n.textContent = r.count;
    li.append(name, n);
    return li;
  }));
}

/** A duration as a number and a unit word from the catalogue: seconds, minutes or hours. */
function duration(seconds) {
  if (seconds < 120) return [Math.round(seconds), 'dashboard.unit.seconds'];
  if (seconds < 7200) return [Math.round(seconds / 60), 'dashboard.unit.minutes'];
  return [Math.round(seconds / 360) / 10, 'dashboard.unit.hours'];
}

function drawTimes(d) {
  const median = d.medianDecisionSeconds;
  $('dashboard-median').hidden = median === undefined || median === null;
  $('dashboard-no-median').hidden = !$('dashboard-median').hidden;
  if (!$('dashboard-median').hidden) {
    const [n, unit] = duration(median);
    $('dashboard-median').dataset.seconds = median;
    // above the booths' parents the median comes from time buckets: say so
    $('dashboard-median-about').hidden = !d.medianEstimated;
    $('dashboard-median-value').textContent = n;
    $('dashboard-median-unit').textContent = i18n.t(unit);
  }
  const backlog = $('dashboard-backlog');
  backlog.dataset.count = d.backlog.count;
  $('dashboard-backlog-count').textContent = d.backlog.count;
  const oldest = d.backlog.oldestReceivedAt;
  $('dashboard-backlog-oldest-block').hidden = !oldest;
  $('dashboard-backlog-oldest').textContent = oldest ? WHEN.format(new Date(oldest)) : '';
}

export function clear() {
  shown = null;
  if (chart) chart.destroy();
  chart = null;
  delete document.body.dataset.dashboard;
}
