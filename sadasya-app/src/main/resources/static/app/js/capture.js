// The live camera and the challenge burst (DESIGN.md, "Capture and challenge"): about 10 frames
// over 2.7 s while the steps are shown one after another, then the still. Frames are drawn from
// the video as the camera delivers it (unmirrored); only the on-screen preview is mirrored (CSS).
import { t } from './i18n.js';

const FRAMES = 10;
const FRAME_INTERVAL_MS = 300;
const READY_SECONDS = 3;
const BURST_LONG_SIDE = 640;
const PHOTO_LONG_SIDE = 1280;
const BURST_QUALITY = 0.85;
const PHOTO_QUALITY = 0.9;
const ARROWS = { TURN_LEFT: 'left', TURN_RIGHT: 'right', LOOK_UP: 'up', FACE_CAMERA: 'center' };

const $ = (id) => document.getElementById(id);
let stream = null;
let cameras = [];
let cameraIndex = 0;

export async function open(deviceId) {
  close();
  const video = deviceId ? { deviceId: { exact: deviceId } }
    : { facingMode: { ideal: 'user' }, width: { ideal: 1280 }, height: { ideal: 960 } };
  stream = await navigator.mediaDevices.getUserMedia({ audio: false, video });
  const preview = $('camera-preview');
  preview.srcObject = stream;
  await preview.play();
  cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  $('camera-switch').hidden = cameras.length < 2;
}

export function switchCamera() {
  cameraIndex = (cameraIndex + 1) % cameras.length;
  return open(cameras[cameraIndex].deviceId);
}

export function close() {
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
}

function grab(longSide, quality) {
  const video = $('camera-preview');
  const scale = Math.min(1, longSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob(
    (blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

const sleepUntil = (at) => new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));

function showStep(step, shown) {
  const prompt = $('challenge-prompt');
  prompt.textContent = t(`step.${step}`);
  prompt.dataset.step = step;
  shown.push(step);
  prompt.dataset.shown = shown.join(',');
  $('challenge-arrow').setAttribute('class', `arrow ${ARROWS[step]}`);
}

/** Runs the steps while recording; resolves to {burst, photo, frameTimesMs, stepStartsMs}. */
export async function burst(steps) {
  const box = $('challenge');
  const countdown = $('challenge-countdown');
  const shown = [];
  const prompt = $('challenge-prompt');
  delete prompt.dataset.step;
  delete prompt.dataset.shown;
  box.hidden = false;
  try {
    prompt.textContent = t('capture.ready');
    $('challenge-arrow').setAttribute('class', `arrow ${ARROWS[steps[0]]}`);
    for (let s = READY_SECONDS; s > 0; s--) {
      countdown.textContent = String(s);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const total = (FRAMES - 1) * FRAME_INTERVAL_MS;
    const planned = steps.map((_, i) => Math.round((i * total) / steps.length));
    const frames = [];
    const frameTimesMs = [];
    const stepStartsMs = [];
    const t0 = performance.now();
    let first = null;
    let next = 0;
    for (let i = 0; i < FRAMES; i++) {
      await sleepUntil(t0 + i * FRAME_INTERVAL_MS);
      const now = performance.now();
      first ??= now;
      const at = Math.round(now - first);
      for (; next < steps.length && planned[next] <= i * FRAME_INTERVAL_MS; next++) {
        showStep(steps[next], shown);
        stepStartsMs.push(at);
      }
      countdown.textContent = String(Math.ceil((total - i * FRAME_INTERVAL_MS) / 1000));
      frames.push(grab(BURST_LONG_SIDE, BURST_QUALITY));
      frameTimesMs.push(i === 0 ? 0 : Math.max(at, frameTimesMs[i - 1] + 1));
    }
    const photo = await grab(PHOTO_LONG_SIDE, PHOTO_QUALITY);
    return { burst: await Promise.all(frames), photo, frameTimesMs, stepStartsMs };
  } finally {
    box.hidden = true;
  }
}
