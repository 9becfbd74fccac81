// Oracle generator: Keras-semantics golden vectors from REAL TensorFlow.js runs.
//
//   npm ci --prefix tools/oracles/tfjs && node tools/oracles/tfjs/generate.mjs
//
// Every number written (shapes, parameter counts, weight shapes) is read back
// from tfjs objects after building the layer/model on a symbolic input. The
// script only chooses configurations (with a seeded PRNG); it never computes
// a count itself. Output:
//   tests/RecurrentParams.Tests/Vectors/tfjs-layers.jsonl
//   tests/RecurrentParams.Tests/Vectors/tfjs-models.jsonl
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

// The CPU backend prints a "Hi, looks like you are running TensorFlow.js in
// Node.js" banner through backend_util.warn on first use; prod mode silences
// it (warn() is a no-op when PROD is set). Nothing else is printed by tfjs.
tf.enableProdMode();

const EXPECTED_TFJS = '4.22.0';
if (tf.version.tfjs !== EXPECTED_TFJS) {
  throw new Error(`expected tfjs ${EXPECTED_TFJS}, got ${tf.version.tfjs}`);
}
const FRAMEWORK = `tfjs-${tf.version.tfjs}`;
const SEED = 20261127;
const OUT_DIR = new URL('../../../tests/RecurrentParams.Tests/Vectors/', import.meta.url);

// ---------------------------------------------------------------- PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chance = (p) => rand() < p;
// Sizes: mostly 1..64 (1 over-represented), sometimes larger.
function size(maxLarge) {
  const r = rand();
  if (r < 0.08) return 1;
  if (r < 0.75) return randInt(1, 64);
  if (r < 0.92) return randInt(65, Math.min(256, maxLarge));
  return randInt(Math.min(257, maxLarge), maxLarge);
}
const timeSteps = () => (chance(0.35) ? null : randInt(1, 20));

// ---------------------------------------------------------------- helpers
// Initializers do not influence shapes or counts; zeros keeps building large
// layers fast (tfjs's orthogonal initializer runs a QR in pure JS).
const Z = { kernelInitializer: 'zeros', biasInitializer: 'zeros' };
const ZR = { ...Z, recurrentInitializer: 'zeros' };

const shapeOf = (y) => (Array.isArray(y) ? y.map((t) => t.shape) : y.shape);
const numel = (w) => tf.util.sizeFromShape(w.shape);
const sum = (ws) => ws.reduce((acc, w) => acc + numel(w), 0);
function weightRows(layer) {
  return layer.weights.map((w) => {
    let name = w.originalName ?? w.name;
    let short = name.slice(name.lastIndexOf('/') + 1);
    if (short.endsWith(':0')) short = short.slice(0, -2);
    return { name: short, path: name, shape: w.shape, trainable: w.trainable };
  });
}
function counts(layer) {
  return {
    params: layer.countParams(),
    trainable: sum(layer.trainableWeights),
    nonTrainable: sum(layer.nonTrainableWeights),
  };
}

// Keras snake_case config -> tfjs camelCase args.
const KEYMAP = {
  units: 'units', use_bias: 'useBias', return_sequences: 'returnSequences',
  return_state: 'returnState', reset_after: 'resetAfter', merge_mode: 'mergeMode',
  input_dim: 'inputDim', output_dim: 'outputDim', mask_zero: 'maskZero',
  filters: 'filters', kernel_size: 'kernelSize', strides: 'strides', padding: 'padding',
  dilation_rate: 'dilationRate', axis: 'axis', center: 'center', scale: 'scale',
  rate: 'rate', n: 'n', pool_size: 'poolSize', go_backwards: 'goBackwards',
};
function toTfjs(config) {
  const out = {};
  for (const [k, v] of Object.entries(config)) {
    if (!(k in KEYMAP)) throw new Error(`no tfjs key for ${k}`);
    out[KEYMAP[k]] = v;
  }
  return out;
}
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM2D']);
const FACTORY = {
  SimpleRNN: (a) => tf.layers.simpleRNN({ ...ZR, ...a }),
  LSTM: (a) => tf.layers.lstm({ ...ZR, ...a }),
  GRU: (a) => tf.layers.gru({ ...ZR, ...a }),
  ConvLSTM2D: (a) => tf.layers.convLstm2d({ ...ZR, ...a }),
  Dense: (a) => tf.layers.dense({ ...Z, ...a }),
  Embedding: (a) => tf.layers.embedding({ embeddingsInitializer: 'zeros', ...a }),
  Conv1D: (a) => tf.layers.conv1d({ ...Z, ...a }),
  BatchNormalization: (a) => tf.layers.batchNormalization(a),
  LayerNormalization: (a) => tf.layers.layerNormalization(a),
  Dropout: (a) => tf.layers.dropout(a),
  Flatten: (a) => tf.layers.flatten(a),
  RepeatVector: (a) => tf.layers.repeatVector(a),
  GlobalAveragePooling1D: (a) => tf.layers.globalAveragePooling1d(a),
  MaxPooling1D: (a) => tf.layers.maxPooling1d(a),
  Concatenate: (a) => tf.layers.concatenate(a),
};
// spec = {layer, config, inner?}; extra = tfjs-only args (inputShape, name, ...)
function makeLayer(spec, extra = {}) {
  if (spec.layer === 'RNN') {
    const CELL = { SimpleRNNCell: tf.layers.simpleRNNCell, LSTMCell: tf.layers.lstmCell, GRUCell: tf.layers.gruCell };
    const cells = spec.cells.map((c) => CELL[c.layer]({ ...ZR, ...toTfjs(c.config) }));
    return tf.layers.rnn({ cell: cells.length === 1 ? cells[0] : cells, ...toTfjs(spec.config), ...extra });
  }
  if (spec.layer === 'Bidirectional' || spec.layer === 'TimeDistributed') {
    const inner = makeLayer(spec.inner);
    const args = { layer: inner, ...toTfjs(spec.config), ...extra };
    return spec.layer === 'Bidirectional' ? tf.layers.bidirectional(args) : tf.layers.timeDistributed(args);
  }
  const f = FACTORY[spec.layer];
  if (!f) throw new Error(`unknown layer ${spec.layer}`);
  return f({ ...toTfjs(spec.config), ...extra });
}

// ---------------------------------------------------------------- layer vectors
const layerRows = [];
let counter = 0;
const nextId = (desc) => `${desc}-${String(++counter).padStart(4, '0')}`;

function addLayer(desc, spec, inputShape, inputDtype = 'float32') {
  const id = nextId(desc);
  const x = tf.input({ batchShape: inputShape, dtype: inputDtype });
  let layer;
  try {
    layer = makeLayer(spec);
    const y = layer.apply(x);
    const row = {
      id, framework: FRAMEWORK, layer: spec.layer, config: spec.config, inner: spec.inner ?? null,
      ...(spec.cells ? { cells: spec.cells } : {}),
      inputShape, outputShape: shapeOf(y), ...counts(layer), weights: weightRows(layer),
    };
    layerRows.push(row);
  } catch (e) {
    layerRows.push({ id, framework: FRAMEWORK, layer: spec.layer, config: spec.config, error: e.message });
  }
  if (layerRows.length % 25 === 0) tf.disposeVariables();
}

const b01 = (b) => (b ? 1 : 0);
function rnnConfig(kind, units, useBias, rs, st) {
  const c = { units, use_bias: useBias, return_sequences: rs, return_state: st };
  if (kind === 'GRU') c.reset_after = false;
  return c;
}
function rnnDesc(kind, units, inF, useBias, rs, st, T) {
  return `${kind.toLowerCase()}-u${units}-i${inF}-bias${b01(useBias)}-rs${b01(rs)}-st${b01(st)}-t${T ?? 'n'}`;
}

// 1. Exact reference cases.
const REF = [
  ['SimpleRNN', 4, 5, true], ['LSTM', 4, 5, true], ['LSTM', 5, 4, true], ['GRU', 4, 5, true],
  ['SimpleRNN', 4, 5, false], ['LSTM', 4, 5, false], ['GRU', 4, 5, false],
];
for (const [kind, u, i, bias] of REF) {
  addLayer(`ref-${rnnDesc(kind, u, i, bias, false, false, 7)}`,
    { layer: kind, config: rnnConfig(kind, u, bias, false, false) }, [null, 7, i]);
}
addLayer('ref-bidirectional-lstm-u4-i5-concat',
  { layer: 'Bidirectional', config: { merge_mode: 'concat' }, inner: { layer: 'LSTM', config: rnnConfig('LSTM', 4, true, false, false) } },
  [null, 7, 5]);

// 2. GRU reset_after=true: tfjs refuses; record the exact message.
for (const [u, i] of [[4, 5], [1, 1], [32, 17]]) {
  addLayer(`gru-reset-after-true-u${u}-i${i}`, { layer: 'GRU', config: { units: u, reset_after: true } }, [null, 7, i]);
}

// 3. Plain recurrent layers: every (bias, rs, st) combination, several sizes.
const EDGE_PAIRS = [[1, 1], [1, 64], [64, 1], [3, 7], [7, 3], [1, 2000], [600, 1]];
for (const kind of ['SimpleRNN', 'LSTM', 'GRU']) {
  for (const useBias of [true, false]) for (const rs of [false, true]) for (const st of [false, true]) {
    for (let k = 0; k < 3; k++) {
      const u = size(600), i = size(2000), T = timeSteps();
      addLayer(rnnDesc(kind, u, i, useBias, rs, st, T), { layer: kind, config: rnnConfig(kind, u, useBias, rs, st) }, [null, T, i]);
    }
  }
  for (const [u, i] of EDGE_PAIRS) {
    const useBias = chance(0.7), rs = chance(0.5), st = chance(0.3), T = timeSteps();
    addLayer(rnnDesc(kind, u, i, useBias, rs, st, T), { layer: kind, config: rnnConfig(kind, u, useBias, rs, st) }, [null, T, i]);
  }
  for (let k = 0; k < 24; k++) {
    const u = size(600), i = size(2000), useBias = chance(0.7), rs = chance(0.5), st = chance(0.3);
    const T = chance(0.2) ? 1 : timeSteps();
    addLayer(rnnDesc(kind, u, i, useBias, rs, st, T), { layer: kind, config: rnnConfig(kind, u, useBias, rs, st) }, [null, T, i]);
  }
}

// 4. Bidirectional around each recurrent kind, every merge mode (incl. null).
for (const kind of ['SimpleRNN', 'LSTM', 'GRU']) {
  for (const mm of ['concat', 'sum', 'mul', 'ave', null]) {
    for (const rs of [false, true]) for (const st of [false, true]) {
      const u = size(400), i = size(1500), useBias = chance(0.75), T = timeSteps();
      addLayer(`bidirectional-${mm ?? 'none'}-${rnnDesc(kind, u, i, useBias, rs, st, T)}`,
        { layer: 'Bidirectional', config: { merge_mode: mm }, inner: { layer: kind, config: rnnConfig(kind, u, useBias, rs, st) } },
        [null, T, i]);
    }
    const u = pick([1, 2, 5]), i = pick([1, 3, 64]);
    addLayer(`bidirectional-${mm ?? 'none'}-${rnnDesc(kind, u, i, true, false, false, 7)}`,
      { layer: 'Bidirectional', config: { merge_mode: mm }, inner: { layer: kind, config: rnnConfig(kind, u, true, false, false) } },
      [null, 7, i]);
  }
}

// 5. Dense on 2-D and 3-D input; TimeDistributed(Dense).
for (let k = 0; k < 36; k++) {
  const units = k < 2 ? 1 : size(600), inF = k === 0 ? 1 : k === 1 ? 2000 : size(2000), useBias = chance(0.75);
  if (k % 2 === 0) {
    addLayer(`dense-u${units}-i${inF}-bias${b01(useBias)}-2d`, { layer: 'Dense', config: { units, use_bias: useBias } }, [null, inF]);
  } else {
    const T = timeSteps();
    addLayer(`dense-u${units}-i${inF}-bias${b01(useBias)}-3d-t${T ?? 'n'}`, { layer: 'Dense', config: { units, use_bias: useBias } }, [null, T, inF]);
  }
}
for (let k = 0; k < 20; k++) {
  const units = k === 0 ? 1 : size(600), inF = k === 1 ? 1 : size(2000), useBias = chance(0.75), T = timeSteps();
  addLayer(`timedistributed-dense-u${units}-i${inF}-bias${b01(useBias)}-t${T ?? 'n'}`,
    { layer: 'TimeDistributed', config: {}, inner: { layer: 'Dense', config: { units, use_bias: useBias } } }, [null, T, inF]);
}

// 6. Embedding.
for (let k = 0; k < 26; k++) {
  const big = chance(0.3);
  const inputDim = k === 0 ? 1 : big ? randInt(1000, 50000) : size(2000);
  const outputDim = k === 1 ? 1 : big ? size(128) : size(600), maskZero = chance(0.4), T = timeSteps();
  addLayer(`embedding-in${inputDim}-out${outputDim}-mask${b01(maskZero)}-t${T ?? 'n'}`,
    { layer: 'Embedding', config: { input_dim: inputDim, output_dim: outputDim, mask_zero: maskZero } }, [null, T], 'int32');
}

// 7. Conv1D.
for (let k = 0; k < 40; k++) {
  const filters = k === 0 ? 1 : size(256), inF = k === 1 ? 1 : size(512), ks = pick([1, 1, 2, 3, 3, 5, 7, randInt(1, 11)]);
  const strides = pick([1, 1, 1, 2, 3]), padding = pick(['valid', 'same', 'same', 'causal']), useBias = chance(0.75);
  if (padding === 'causal' && strides !== 1) continue;
  let T = timeSteps();
  if (T !== null && padding === 'valid' && T < ks) T = ks + randInt(0, 5); // keep valid convs non-empty
  addLayer(`conv1d-f${filters}-i${inF}-k${ks}-s${strides}-${padding}-bias${b01(useBias)}-t${T ?? 'n'}`,
    { layer: 'Conv1D', config: { filters, kernel_size: ks, strides, padding, use_bias: useBias } }, [null, T, inF]);
}

// 8. BatchNormalization / LayerNormalization.
for (let k = 0; k < 22; k++) {
  const F = k === 0 ? 1 : size(2000), center = chance(0.7), scale = chance(0.7);
  if (k % 2 === 0) {
    addLayer(`batchnorm-f${F}-c${b01(center)}-s${b01(scale)}-2d`, { layer: 'BatchNormalization', config: { center, scale } }, [null, F]);
  } else {
    const T = timeSteps();
    addLayer(`batchnorm-f${F}-c${b01(center)}-s${b01(scale)}-3d-t${T ?? 'n'}`, { layer: 'BatchNormalization', config: { center, scale } }, [null, T, F]);
  }
}
for (let k = 0; k < 3; k++) {
  const T = randInt(1, 20), F = size(64);
  addLayer(`batchnorm-axis1-t${T}-f${F}`, { layer: 'BatchNormalization', config: { axis: 1 } }, [null, T, F]);
}
for (let k = 0; k < 16; k++) {
  const F = k === 0 ? 1 : size(2000), center = chance(0.75), scale = chance(0.75), T = k % 3 === 0 ? undefined : timeSteps();
  const shape = T === undefined ? [null, F] : [null, T, F];
  addLayer(`layernorm-f${F}-c${b01(center)}-s${b01(scale)}-${shape.length}d`, { layer: 'LayerNormalization', config: { center, scale } }, shape);
}
for (let k = 0; k < 3; k++) {
  const T = randInt(1, 20), F = size(64);
  addLayer(`layernorm-axis12-t${T}-f${F}`, { layer: 'LayerNormalization', config: { axis: [1, 2] } }, [null, T, F]);
}

// 9. ConvLSTM2D on [null, T, H, W, C].
for (let k = 0; k < 22; k++) {
  const filters = k === 0 ? 1 : randInt(1, 32), C = k === 1 ? 1 : randInt(1, 16);
  const ks = chance(0.75) ? pick([1, 2, 3, 3, 5]) : [randInt(1, 4), randInt(1, 4)];
  const padding = pick(['valid', 'same']), rs = chance(0.5), T = timeSteps();
  const kh = Array.isArray(ks) ? ks[0] : ks, kw = Array.isArray(ks) ? ks[1] : ks;
  const H = randInt(kh, 16), W = randInt(kw, 16);
  const config = { filters, kernel_size: ks, padding, return_sequences: rs };
  if (k % 7 === 6) config.strides = 2;
  addLayer(`convlstm2d-f${filters}-c${C}-k${Array.isArray(ks) ? ks.join('x') : ks}-${padding}-rs${b01(rs)}-t${T ?? 'n'}-h${H}-w${W}`,
    { layer: 'ConvLSTM2D', config }, [null, T, H, W, C]);
}

// 10. Parameter-free layers.
for (let k = 0; k < 8; k++) {
  const rate = pick([0.1, 0.2, 0.25, 0.5]), T = timeSteps(), F = size(600);
  const shape = k % 2 ? [null, F] : [null, T, F];
  addLayer(`dropout-r${rate}-${shape.length}d-f${F}`, { layer: 'Dropout', config: { rate } }, shape);
}
for (let k = 0; k < 10; k++) {
  const T = randInt(1, 20), F = size(600);
  addLayer(`flatten-t${T}-f${F}`, { layer: 'Flatten', config: {} }, [null, T, F]);
}
addLayer('flatten-unknown-t-f5', { layer: 'Flatten', config: {} }, [null, null, 5]);
for (let k = 0; k < 10; k++) {
  const n = k === 0 ? 1 : randInt(1, 30), F = size(600);
  addLayer(`repeatvector-n${n}-f${F}`, { layer: 'RepeatVector', config: { n } }, [null, F]);
}
for (let k = 0; k < 10; k++) {
  const T = timeSteps(), F = size(600);
  addLayer(`globalaveragepooling1d-t${T ?? 'n'}-f${F}`, { layer: 'GlobalAveragePooling1D', config: {} }, [null, T, F]);
}
for (let k = 0; k < 22; k++) {
  const pool = pick([1, 2, 2, 3, 4, 5]), strides = pick([null, null, 1, 2, 3]), padding = pick(['valid', 'same']), F = size(600);
  let T = timeSteps();
  if (T !== null && padding === 'valid' && T < pool) T = pool + randInt(0, 6);
  addLayer(`maxpooling1d-p${pool}-s${strides ?? 'n'}-${padding}-t${T ?? 'n'}-f${F}`,
    { layer: 'MaxPooling1D', config: { pool_size: pool, strides, padding } }, [null, T, F]);
}

// 11. keras.layers.RNN over one cell or a stack of cells (StackedRNNCells). Its own PRNG, so the rows above and the
//     model vectors below stay as they were before this section was added.
{
  const r11 = mulberry32(SEED + 11);
  const ri = (lo, hi) => lo + Math.floor(r11() * (hi - lo + 1));
  const CELLS = ['SimpleRNNCell', 'LSTMCell', 'GRUCell'];
  for (let k = 0; k < 24; k++) {
    const depth = k < 3 ? 1 : ri(2, 4);
    const cells = [];
    for (let d = 0; d < depth; d++) {
      const layer = k < 3 ? CELLS[k] : CELLS[ri(0, 2)];
      const config = { units: ri(1, 48), use_bias: r11() < 0.8 };
      if (layer === 'GRUCell') config.reset_after = false;
      cells.push({ layer, config });
    }
    const rs = r11() < 0.5, st = k % 5 === 4, T = r11() < 0.3 ? null : ri(1, 12), F = ri(1, 64);
    addLayer(`rnn-${cells.map((c) => c.layer.replace('Cell', '').toLowerCase() + c.config.units).join('-')}-i${F}-rs${b01(rs)}-st${b01(st)}`,
      { layer: 'RNN', config: { return_sequences: rs, return_state: st }, cells }, [null, T, F]);
  }
}
tf.disposeVariables();

// ---------------------------------------------------------------- model vectors
const modelRows = [];
let mcount = 0;

function summaryLines(model, lineLength) {
  const lines = [];
  model.summary(lineLength, undefined, (line) => lines.push(line));
  return lines.join('\n');
}
function modelRow(id, kind, inputShape, inputDtype, spec, model, outputs) {
  const row = { id, framework: FRAMEWORK, kind, inputShape, inputDtype, spec };
  if (outputs) row.outputs = outputs;
  row.layers = model.layers.map((l) => ({ name: l.name, class: l.getClassName(), outputShape: l.outputShape, ...counts(l) }));
  row.params = model.countParams();
  row.trainable = sum(model.trainableWeights);
  row.nonTrainable = sum(model.nonTrainableWeights);
  row.summary = summaryLines(model);
  row.summaryLineLength80 = summaryLines(model, 80);
  return row;
}
// Sequential: the first layer gets inputShape (or batchInputShape).
function buildSequential(inputShape, inputDtype, spec, useBatchInputShape) {
  const model = tf.sequential();
  spec.forEach((s, idx) => {
    const extra = {};
    if (idx === 0) {
      if (useBatchInputShape) extra.batchInputShape = inputShape;
      else extra.inputShape = inputShape.slice(1);
      if (inputDtype !== 'float32') extra.inputDType = inputDtype;
    }
    model.add(makeLayer(s, extra));
  });
  return model;
}

function randomRecurrent(rs) {
  const kind = pick(['SimpleRNN', 'LSTM', 'GRU']);
  const config = { units: chance(0.1) ? 1 : chance(0.85) ? randInt(1, 64) : randInt(65, 128), return_sequences: rs };
  if (chance(0.2)) config.use_bias = false;
  if (kind === 'GRU') config.reset_after = false;
  if (chance(0.35)) return { layer: 'Bidirectional', config: { merge_mode: pick(['concat', 'sum', 'mul', 'ave']) }, inner: { layer: kind, config } };
  return { layer: kind, config };
}
function randomBetween() {
  const r = rand();
  if (r < 0.15) return [{ layer: 'Dropout', config: { rate: pick([0.1, 0.2, 0.5]) } }];
  if (r < 0.25) return [{ layer: 'BatchNormalization', config: chance(0.5) ? {} : { center: chance(0.5), scale: chance(0.5) } }];
  if (r < 0.35) return [{ layer: 'LayerNormalization', config: {} }];
  return [];
}
const denseSpec = (units) => ({ layer: 'Dense', config: { units } });

function randomSequentialSpec() {
  let T = chance(0.3) ? null : randInt(2, 20);
  const spec = [];
  let inputShape, inputDtype = 'float32';
  const front = pick(['none', 'none', 'embedding', 'conv1d']);
  if (front === 'embedding') {
    inputShape = [null, T];
    inputDtype = 'int32';
    const config = { input_dim: chance(0.2) ? randInt(1000, 20000) : randInt(2, 500), output_dim: randInt(1, 64) };
    if (chance(0.3)) config.mask_zero = true;
    spec.push({ layer: 'Embedding', config });
  } else {
    inputShape = [null, T, chance(0.1) ? 1 : randInt(1, 64)];
    if (front === 'conv1d') {
      const ks = pick([1, 2, 3, 5]);
      if (T !== null && T < ks) T = inputShape[1] = ks + randInt(0, 5);
      spec.push({ layer: 'Conv1D', config: { filters: randInt(1, 64), kernel_size: ks, padding: pick(['valid', 'same']) } });
    }
  }
  const head = pick(['dense', 'dense', 'timedistributed', 'flatten', 'gap', 'repeatvector', 'maxpool', 'dense3d']);
  const nRec = randInt(1, 4);
  const lastRs = ['timedistributed', 'flatten', 'gap', 'maxpool', 'dense3d'].includes(head);
  for (let k = 0; k < nRec; k++) {
    const isLast = k === nRec - 1;
    spec.push(randomRecurrent(isLast ? lastRs : true));
    if (!isLast || chance(0.3)) spec.push(...randomBetween());
  }
  const outUnits = chance(0.15) ? 1 : randInt(1, 32);
  if (head === 'dense' || head === 'dense3d') spec.push(denseSpec(outUnits));
  else if (head === 'timedistributed') spec.push({ layer: 'TimeDistributed', config: {}, inner: denseSpec(outUnits) });
  else if (head === 'flatten') {
    if (T === null) { T = randInt(2, 20); inputShape[1] = T; }
    spec.push({ layer: 'Flatten', config: {} }, denseSpec(outUnits));
  } else if (head === 'gap') spec.push({ layer: 'GlobalAveragePooling1D', config: {} }, denseSpec(outUnits));
  else if (head === 'repeatvector') {
    spec.push({ layer: 'RepeatVector', config: { n: T ?? randInt(2, 12) } });
    spec.push({ layer: 'LSTM', config: { units: randInt(1, 64), return_sequences: true } });
    spec.push({ layer: 'TimeDistributed', config: {}, inner: denseSpec(outUnits) });
  } else if (head === 'maxpool') {
    spec.push({ layer: 'MaxPooling1D', config: { pool_size: 2 } });
    if (T !== null && T < 2) { T = randInt(2, 20); inputShape[1] = T; }
    spec.push({ layer: 'GlobalAveragePooling1D', config: {} }, denseSpec(outUnits));
  }
  const desc = [front === 'none' ? null : front, ...spec.slice(front === 'none' ? 0 : 1).map((s) =>
    (s.layer === 'Bidirectional' ? `bi${s.inner.layer}` : s.layer === 'TimeDistributed' ? 'tdDense' : s.layer).toLowerCase())]
    .filter(Boolean).join('-');
  return { inputShape, inputDtype, spec, desc };
}

function addSequential(desc, inputShape, inputDtype, spec, useBatchInputShape = false) {
  const id = `m${String(++mcount).padStart(3, '0')}-${desc}`;
  const model = buildSequential(inputShape, inputDtype, spec, useBatchInputShape);
  modelRows.push(modelRow(id, 'sequential', inputShape, inputDtype, spec, model));
  tf.disposeVariables();
}

// Reference-post models: input (None, 5).
addSequential('ref-simplernn4-input-none-5', [null, null, 5], 'float32', [{ layer: 'SimpleRNN', config: { units: 4, return_sequences: false } }]);
addSequential('ref-lstm4-seq-input-none-5', [null, null, 5], 'float32', [{ layer: 'LSTM', config: { units: 4, return_sequences: true } }]);
addSequential('ref-simplernn4-batchinputshape', [null, null, 5], 'float32', [{ layer: 'SimpleRNN', config: { units: 4, return_sequences: false } }], true);
addSequential('emb-bilstm-dense', [null, 12], 'int32', [
  { layer: 'Embedding', config: { input_dim: 100, output_dim: 8 } },
  { layer: 'Bidirectional', config: { merge_mode: 'concat' }, inner: { layer: 'LSTM', config: { units: 4, return_sequences: false } } },
  denseSpec(3)]);

let rejected = 0;
while (mcount < 58) {
  const { inputShape, inputDtype, spec, desc } = randomSequentialSpec();
  try {
    addSequential(desc, inputShape, inputDtype, spec, chance(0.1));
  } catch (e) {
    mcount--; rejected++;
    process.stderr.write(`rejected random model (${e.message})\n`);
  }
}

// Functional models. spec = list of nodes {name, layer, config, inner?, inbound}.
function addFunctional(desc, nodes, outputs) {
  const id = `m${String(++mcount).padStart(3, '0')}-fn-${desc}`;
  const t = {};
  const inputs = [];
  for (const n of nodes) {
    if (n.layer === 'InputLayer') {
      t[n.name] = tf.input({ shape: n.config.shape, dtype: n.config.dtype, name: n.name });
      inputs.push(t[n.name]);
      continue;
    }
    const layer = makeLayer(n, { name: n.name });
    // inbound entries: "name" (first output) or "name:k" (k-th output tensor)
    const ins = n.inbound.map((ref) => {
      const [nm, k] = ref.split(':');
      const v = t[nm];
      return Array.isArray(v) ? v[Number(k ?? 0)] : v;
    });
    if (n.initial_state) {
      const states = n.initial_state.map((ref) => { const [nm, k] = ref.split(':'); return t[nm][Number(k)]; });
      t[n.name] = layer.apply(ins[0], { initialState: states });
    } else {
      t[n.name] = layer.apply(ins.length === 1 ? ins[0] : ins);
    }
  }
  const outs = outputs.map((ref) => { const [nm, k] = ref.split(':'); const v = t[nm]; return Array.isArray(v) ? v[Number(k ?? 0)] : v; });
  const model = tf.model({ inputs: inputs.length === 1 ? inputs[0] : inputs, outputs: outs.length === 1 ? outs[0] : outs });
  // One input: its shape / dtype; several inputs: lists in input order.
  const ins = nodes.filter((n) => n.layer === 'InputLayer');
  const shapes = ins.map((n) => [null, ...n.config.shape]), dtypes = ins.map((n) => n.config.dtype);
  const row = ins.length === 1
    ? modelRow(id, 'functional', shapes[0], dtypes[0], nodes, model, outputs)
    : modelRow(id, 'functional', shapes, dtypes, nodes, model, outputs);
  modelRows.push(row);
  tf.disposeVariables();
}
const inNode = (name, shape, dtype = 'float32') => ({ name, layer: 'InputLayer', config: { shape, dtype }, inbound: [] });
const node = (name, layer, config, inbound, inner) => (inner ? { name, layer, config, inner, inbound } : { name, layer, config, inbound });

addFunctional('simplernn4-input-none-5', [inNode('x', [null, 5]), node('rnn', 'SimpleRNN', { units: 4, return_sequences: false }, ['x'])], ['rnn']);
addFunctional('lstm4-seq-input-none-5', [inNode('x', [null, 5]), node('lstm', 'LSTM', { units: 4, return_sequences: true }, ['x'])], ['lstm']);
addFunctional('two-branch-concat', [
  inNode('seq_in', [7, 5]),
  node('lstm_a', 'LSTM', { units: 4, return_sequences: false }, ['seq_in']),
  node('gru_b', 'GRU', { units: 3, return_sequences: false, reset_after: false }, ['seq_in']),
  node('cat', 'Concatenate', { axis: -1 }, ['lstm_a', 'gru_b']),
  node('out', 'Dense', { units: 2 }, ['cat'])], ['out']);
addFunctional('two-input-emb-and-dense-concat', [
  inNode('tokens', [20], 'int32'),
  inNode('meta', [6]),
  node('emb', 'Embedding', { input_dim: 1000, output_dim: 16, mask_zero: true }, ['tokens']),
  node('bigru', 'Bidirectional', { merge_mode: 'concat' }, ['emb'], { layer: 'GRU', config: { units: 8, return_sequences: false, reset_after: false } }),
  node('meta_dense', 'Dense', { units: 4 }, ['meta']),
  node('cat', 'Concatenate', { axis: -1 }, ['bigru', 'meta_dense']),
  node('out', 'Dense', { units: 1 }, ['cat'])], ['out']);
addFunctional('bilstm-seq-then-lstm-gru-concat', [
  inNode('x', [null, 12]),
  node('bilstm', 'Bidirectional', { merge_mode: 'sum' }, ['x'], { layer: 'LSTM', config: { units: 10, return_sequences: true } }),
  node('ln', 'LayerNormalization', {}, ['bilstm']),
  node('lstm', 'LSTM', { units: 6, return_sequences: false }, ['ln']),
  node('gru', 'GRU', { units: 5, return_sequences: false, reset_after: false }, ['ln']),
  node('cat', 'Concatenate', { axis: -1 }, ['lstm', 'gru']),
  node('out', 'Dense', { units: 3 }, ['cat'])], ['out']);
addFunctional('lstm-return-state-multi-output', [
  inNode('x', [9, 3]),
  node('lstm', 'LSTM', { units: 5, return_sequences: true, return_state: true }, ['x']),
  node('seq_out', 'TimeDistributed', {}, ['lstm:0'], { layer: 'Dense', config: { units: 2 } }),
  node('h_out', 'Dense', { units: 1 }, ['lstm:1'])], ['seq_out', 'h_out', 'lstm:2']);
{
  const nodes = [
    inNode('enc_in', [null, 5]),
    inNode('dec_in', [null, 6]),
    node('encoder', 'LSTM', { units: 4, return_sequences: false, return_state: true }, ['enc_in']),
    { ...node('decoder', 'LSTM', { units: 4, return_sequences: true }, ['dec_in']), initial_state: ['encoder:1', 'encoder:2'] },
    node('proj', 'TimeDistributed', {}, ['decoder'], { layer: 'Dense', config: { units: 6 } })];
  addFunctional('seq2seq-encoder-states-to-decoder', nodes, ['proj']);
}
addFunctional('conv1d-and-bisimplernn-branches', [
  inNode('x', [16, 8]),
  node('conv', 'Conv1D', { filters: 12, kernel_size: 3, padding: 'same' }, ['x']),
  node('pool', 'MaxPooling1D', { pool_size: 2 }, ['conv']),
  node('gap', 'GlobalAveragePooling1D', {}, ['pool']),
  node('birnn', 'Bidirectional', { merge_mode: 'ave' }, ['x'], { layer: 'SimpleRNN', config: { units: 7, return_sequences: false, use_bias: false } }),
  node('cat', 'Concatenate', { axis: -1 }, ['gap', 'birnn']),
  node('bn', 'BatchNormalization', {}, ['cat']),
  node('out', 'Dense', { units: 4 }, ['bn'])], ['out']);
for (let k = 0; k < 4; k++) {
  // Random stacks in functional form (shows the InputLayer row for the same grammar).
  for (;;) {
    const { inputShape, inputDtype, spec, desc } = randomSequentialSpec();
    const nodes = [inNode('input', inputShape.slice(1), inputDtype)];
    spec.forEach((s, idx) => nodes.push({ name: `l${idx + 1}`, layer: s.layer, config: s.config, ...(s.inner ? { inner: s.inner } : {}), inbound: [idx === 0 ? 'input' : `l${idx}`] }));
    try {
      addFunctional(desc, nodes, [`l${spec.length}`]);
      break;
    } catch (e) {
      mcount--; rejected++;
      process.stderr.write(`rejected random functional model (${e.message})\n`);
    }
  }
}
tf.disposeVariables();

// ---------------------------------------------------------------- write
mkdirSync(OUT_DIR, { recursive: true });
const write = (name, rows) => {
  const ids = new Set(rows.map((r) => r.id));
  if (ids.size !== rows.length) throw new Error(`duplicate ids in ${name}`);
  writeFileSync(new URL(name, OUT_DIR), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`${fileURLToPath(new URL(name, OUT_DIR))}: ${rows.length} rows\n`);
};
write('tfjs-layers.jsonl', layerRows);
write('tfjs-models.jsonl', modelRows);
if (rejected) process.stdout.write(`random models rejected by tfjs and redrawn: ${rejected}\n`);
