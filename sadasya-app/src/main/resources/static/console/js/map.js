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

/** Draws into svg (viewBox -100..100); false when there is nothing to place. */
export function draw(svg, position, booth) {
  svg.replaceChildren();
  if (position?.latitude == null || booth?.latitude == null) return false;
  const east = (position.longitude - booth.longitude) * METRES_PER_DEGREE_LON_AT_EQUATOR
    * Math.cos((booth.latitude * Math.PI) / 180);
  const north = (position.latitude - booth.latitude) * METRES_PER_DEGREE_LAT;
  const accuracy = position.accuracyMeters ?? 0;
  const radius = booth.radiusMeters ?? 0;
  const extent = Math.max(radius, Math.hypot(east, north) + accuracy, 10);
  const scale = 90 / extent;
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
