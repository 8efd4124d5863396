// The GPS point against the booth's centre and radius, drawn to scale in metres (an equirectangular
// approximation: exact enough over a booth's few hundred metres).
const SVG = 'http://www.w3.org/2000/svg';
const METRES_PER_DEGREE_LAT = 110_574; // at the equator, 1 % more at the poles
const METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320;

function shape(svg, name, attrs) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  svg.append(el);
  return el;
}

// Web Mercator tiles under the plot, when the server names a tile source (GET /console/settings.json).
const EARTH_CIRCUMFERENCE_METRES = 40_075_016.686;
let settings;

/** The console's settings, fetched once; a failed fetch means no map, never a broken plot. */
export function loadSettings() {
  settings ??= fetch('/console/settings.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  return settings;
}

/**
 * The tiles covering the plot's square (viewBox -100..100 at {@code scale} units per metre, the
 * booth's centre at 0,0), at the zoom whose tile is closest to the plot's width.
 */
export function tilesFor(booth, scale) {
  const lat = (booth.latitude * Math.PI) / 180;
  const span = 200 / scale;
  const z = Math.max(0, Math.min(19, Math.round(Math.log2((EARTH_CIRCUMFERENCE_METRES * Math.cos(lat)) / span))));
  const n = 2 ** z;
  const xt = ((booth.longitude + 180) / 360) * n;
  const yt = ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n;
  const size = ((EARTH_CIRCUMFERENCE_METRES * Math.cos(lat)) / n) * scale; // one tile in plot units
  const out = [];
  for (let j = Math.floor(yt - 100 / size); j <= Math.floor(yt + 100 / size); j++) {
    if (j < 0 || j >= n) continue;
    for (let i = Math.floor(xt - 100 / size); i <= Math.floor(xt + 100 / size); i++) {
      out.push({ z, x: ((i % n) + n) % n, y: j, left: (i - xt) * size, top: (j - yt) * size, size });
    }
  }
  return out;
}

function drawTiles(svg, template, booth, scale) {
  for (const tile of tilesFor(booth, scale)) {
    const image = shape(svg, 'image', { class: 'tile', x: tile.left, y: tile.top, width: tile.size, height: tile.size,
      preserveAspectRatio: 'none', href: template.replace('{z}', tile.z).replace('{x}', tile.x).replace('{y}', tile.y) });
    image.dataset.tile = `${tile.z}/${tile.x}/${tile.y}`;
  }
}

/** Metres east and north of the booth's centre. */
function offset(p, booth) {
  return {
    east: (p.longitude - booth.longitude) * METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos((booth.latitude * Math.PI) / 180),
    north: (p.latitude - booth.latitude) * METRES_PER_DEGREE_LAT,
  };
}

/**
 * Draws into svg (viewBox -100..100); false when there is nothing to place. {@code others} are the
 * worker's other enrolments of the day: small dots, those far beyond the booth drawn at the edge.
 */
export function draw(svg, position, booth, others = [], tiles = null) {
  svg.replaceChildren();
  if (position?.latitude == null || booth?.latitude == null) return false;
  const { east, north } = offset(position, booth);
  const accuracy = position.accuracyMeters ?? 0;
  const radius = booth.radiusMeters ?? 0;
  const near = Math.max(radius, Math.hypot(east, north) + accuracy, 10);
  // the day's other points widen the plot, but never so far that the booth shrinks to a dot
  const cap = Math.max(near, 4 * radius);
  const spread = Math.max(0, ...others.map((o) => { const d = offset(o, booth); return Math.hypot(d.east, d.north); }));
  const extent = Math.max(near, Math.min(spread, cap));
  const scale = 90 / extent;
  if (tiles?.url) drawTiles(svg, tiles.url, booth, scale);
  for (const o of others) {
    const d = offset(o, booth);
    const far = Math.hypot(d.east, d.north) > extent;
    const shrink = far ? extent / Math.hypot(d.east, d.north) : 1;
    const dot = shape(svg, 'circle', { class: far ? 'other far' : 'other', cx: d.east * shrink * scale,
      cy: -d.north * shrink * scale, r: 2 });
    dot.dataset.submissionId = o.submissionId;
    dot.dataset.eastMeters = Math.round(d.east);
    dot.dataset.northMeters = Math.round(d.north);
  }
  shape(svg, 'circle', { class: 'booth', cx: 0, cy: 0, r: radius * scale });
  shape(svg, 'path', { class: 'centre', d: 'M-4 0 H4 M0 -4 V4' });
  const x = east * scale;
  const y = -north * scale;
  shape(svg, 'circle', { class: 'accuracy', cx: x, cy: y, r: accuracy * scale });
  const dot = shape(svg, 'circle', { class: 'point', cx: x, cy: y, r: 3 });
  dot.dataset.eastMeters = Math.round(east);
  dot.dataset.northMeters = Math.round(north);
  return true;
}
