// Times each face model with the original JavaScript runtime (tfjs 4.22 wasm backend, SIMD, no
// threads), the way research/tfjs-reference.md §5 measured it: execute + download of all outputs,
// on a real-shaped input, after warm-up. Prints one JSON line per model, like `sadasya bench face`.
import * as tf from '@tensorflow/tfjs-core';
import * as tfconv from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const modelsDir = process.argv[2];
const warmup = Number(process.argv[3] || 5);
const iterations = Number(process.argv[4] || 40);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
await tf.setBackend('wasm');
await tf.ready();

const p50 = {};
const models = { blazeface: 256, facemesh: 192, faceres: 224, antispoof: 128, liveness: 32 };
for (const [name, size] of Object.entries(models)) {
  const json = JSON.parse(readFileSync(path.join(modelsDir, `${name}.json`), 'utf8'));
  const bin = readFileSync(path.join(modelsDir, `${name}.bin`));
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const model = await tfconv.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }));
  const input = tf.randomUniform([1, size, size, 3], 0, 1);
  const once = async () => {
    const out = model.execute(input);
    const list = Array.isArray(out) ? out : [out];
    await Promise.all(list.map((t) => t.data()));
    list.forEach((t) => t.dispose());
  };
  for (let i = 0; i < warmup; i++) await once();
  const ms = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await once();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const round = (v) => Math.round(v * 100) / 100;
  console.log(JSON.stringify({ bench: 'model', runtime: 'tfjs-wasm-4.22.0', model: name,
    p50Ms: round(ms[Math.floor(ms.length / 2)]), p90Ms: round(ms[Math.floor(ms.length * 0.9)]), minMs: round(ms[0]), iterations }));
  p50[name] = ms[Math.floor(ms.length / 2)];
  input.dispose();
}
// Model time of a two-face selfie: one detection, then four models per face.
const perFace = p50.facemesh + p50.faceres + p50.antispoof + p50.liveness;
console.log(JSON.stringify({ bench: 'selfie-models', runtime: 'tfjs-wasm-4.22.0', faces: 2,
  p50SumMs: Math.round((p50.blazeface + 2 * perFace) * 100) / 100 }));
