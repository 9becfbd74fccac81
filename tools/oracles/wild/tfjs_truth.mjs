// Truth from a real TensorFlow.js 4.22 run for Keras-2-style JSON and tfjs model.json files.
//
//   npm ci --prefix tools/oracles/tfjs && node tools/oracles/wild/tfjs_truth.mjs <folder> [file ...]
//
// For every *.json file in <folder> (or only the files named), the script hands the model topology to
// tf.loadLayersModel through an in-memory IO handler that gives the topology and no weights, so tfjs builds
// the model from the JSON alone. It prints one JSON line per file: the file name, the format it saw
// ("tfjs" for a model.json with modelTopology, "keras-json" otherwise), and tfjs's own countParams() with the
// sums of trainableWeights / nonTrainableWeights, or the error tfjs raised. Every initializer in the topology
// is replaced by zeros before loading: initializers never change a weight's shape, and tfjs's orthogonal
// initializer runs a QR in JavaScript that takes minutes on the largest files. Nothing else is changed.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const require = createRequire(new URL('../tfjs/package.json', import.meta.url));
const tf = require('@tensorflow/tfjs');
tf.enableProdMode();
if (tf.version.tfjs !== '4.22.0') throw new Error(`expected tfjs 4.22.0, got ${tf.version.tfjs}`);

function zeroInitializers(node) {
  if (Array.isArray(node)) { node.forEach(zeroInitializers); return; }
  if (node === null || typeof node !== 'object') return;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (/initializer$/i.test(key) && value !== null && typeof value === 'object' && 'class_name' in value) {
      node[key] = { class_name: 'Zeros', config: {} };
    } else {
      zeroInitializers(value);
    }
  }
}

const size = (w) => tf.util.sizeFromShape(w.shape);
const sum = (ws) => ws.reduce((a, w) => a + size(w), 0);

async function truth(path) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const isTfjs = doc !== null && typeof doc === 'object' && 'modelTopology' in doc;
  const topology = isTfjs ? doc.modelTopology : doc;
  zeroInitializers(topology);
  const row = { file: basename(path), format: isTfjs ? 'tfjs' : 'keras-json', framework: `tfjs-${tf.version.tfjs}` };
  try {
    const model = await tf.loadLayersModel({ load: async () => ({ modelTopology: topology }) });
    row.total = model.countParams();
    row.trainable = sum(model.trainableWeights);
    row.nonTrainable = sum(model.nonTrainableWeights);
    if (row.total !== row.trainable + row.nonTrainable) throw new Error('trainable + non-trainable differ from countParams()');
    model.dispose();
  } catch (e) {
    row.error = String(e && e.message ? e.message : e).split('\n')[0].slice(0, 300);
  }
  return row;
}

const [folder, ...only] = process.argv.slice(2);
if (!folder) { console.error('usage: node tfjs_truth.mjs <folder> [file ...]'); process.exit(2); }
const files = (only.length ? only : readdirSync(folder).filter((f) => f.endsWith('.json')).sort());
for (const f of files) console.log(JSON.stringify(await truth(join(folder, f))));
