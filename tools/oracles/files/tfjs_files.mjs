// Model-file fixtures from REAL TensorFlow.js runs, for the Keras-JSON and TensorFlow.js readers.
//
//   npm ci --prefix tools/oracles/tfjs && node tools/oracles/files/tfjs_files.mjs
//
// For every model below the script writes, into tests/RecurrentParams.Import.Tests/Fixtures/tfjs/:
//   <id>.json        model.toJSON(null, false)            (Keras-2-style topology: batch_input_shape, nested inbound_nodes)
//   <id>.model.json  what tf.io's file handler writes as model.json: { modelTopology, format, generatedBy,
//                    convertedBy, weightsManifest: [{ paths, weights: weightSpecs }] }, captured with
//                    tf.io.withSaveHandler, so no weight bytes are written anywhere
// and one manifest.json with what tfjs itself reports: model.countParams(), per layer countParams(),
// trainable / non-trainable sums and outputShape, and the element count of the weight specs
// (tf.util.sizeFromShape). The script never computes a count itself. It reuses the pinned
// @tensorflow/tfjs 4.22.0 installed by tools/oracles/tfjs (package.json + package-lock.json there).
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../tfjs/package.json', import.meta.url));
const tf = require('@tensorflow/tfjs');
tf.enableProdMode();

const EXPECTED_TFJS = '4.22.0';
if (tf.version.tfjs !== EXPECTED_TFJS) {
  throw new Error(`expected tfjs ${EXPECTED_TFJS}, got ${tf.version.tfjs}`);
}
const FRAMEWORK = `tfjs-${tf.version.tfjs}`;
const OUT = fileURLToPath(new URL('../../../tests/RecurrentParams.Import.Tests/Fixtures/tfjs/', import.meta.url));
mkdirSync(OUT, { recursive: true });

// Zeros keep large layers fast; initializers change no shape or count.
const Z = { kernelInitializer: 'zeros', biasInitializer: 'zeros' };
const ZR = { ...Z, recurrentInitializer: 'zeros' };
const numel = (w) => tf.util.sizeFromShape(w.shape);
const sum = (ws) => ws.reduce((acc, w) => acc + numel(w), 0);

const manifest = [];

async function capture(model) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }));
  return artifacts;
}

function layerRows(model) {
  return model.layers.map((l) => ({
    name: l.name,
    class: l.getClassName(),
    outputShape: l.outputShape,
    params: l.countParams(),
    trainable: sum(l.trainableWeights),
    nonTrainable: sum(l.nonTrainableWeights),
  }));
}

// dropLastWeight: write a model.json whose manifest lacks the last weight (a cross-check fixture).
async function emit(id, model, note, { dropLastWeight = false, unsupported = [] } = {}) {
  const topology = model.toJSON(null, false);
  writeFileSync(OUT + id + '.json', JSON.stringify(topology, null, 1) + '\n');
  const artifacts = await capture(model);
  let specs = artifacts.weightSpecs;
  if (dropLastWeight) specs = specs.slice(0, -1);
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
  };
  writeFileSync(OUT + id + '.model.json', JSON.stringify(modelJson, null, 1) + '\n');
  manifest.push({
    id,
    framework: FRAMEWORK,
    note,
    kind: model.getClassName() === 'Sequential' ? 'sequential' : 'functional',
    name: model.name,
    params: model.countParams(),
    trainable: sum(model.trainableWeights),
    nonTrainable: sum(model.nonTrainableWeights),
    weightsManifestParams: specs.reduce((acc, s) => acc + tf.util.sizeFromShape(s.shape), 0),
    weightsManifestTensors: specs.length,
    droppedLastWeight: dropLastWeight,
    unsupported,
    layers: layerRows(model),
  });
}

// ---------------------------------------------------------------- Sequential models
{
  const m = tf.sequential({ name: 'seq_gru_bisum_dense' });
  m.add(tf.layers.gru({ units: 4, inputShape: [null, 5], returnSequences: true, name: 'gru_a', ...ZR }));
  m.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3, name: 'inner_lstm', ...ZR }), mergeMode: 'sum', name: 'bi_sum' }));
  m.add(tf.layers.dense({ units: 2, name: 'head', ...Z }));
  await emit('seq-gru-bisum-dense', m, 'GRU (reset_after false, tfjs) then Bidirectional(LSTM) sum');
}
{
  const m = tf.sequential({ name: 'seq_emb_lstm_dense' });
  m.add(tf.layers.embedding({ inputDim: 50, outputDim: 8, inputShape: [10], inputDType: 'int32', name: 'emb', embeddingsInitializer: 'zeros' }));
  m.add(tf.layers.lstm({ units: 16, name: 'lstm', ...ZR }));
  m.add(tf.layers.dense({ units: 3, name: 'out', ...Z }));
  await emit('seq-emb-lstm-dense', m, 'Embedding on int32 tokens, LSTM, Dense');
}
{
  const m = tf.sequential({ name: 'seq_conv_pool_gru' });
  m.add(tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', inputShape: [20, 6], name: 'conv', ...Z }));
  m.add(tf.layers.maxPooling1d({ poolSize: 2, name: 'pool' }));
  m.add(tf.layers.gru({ units: 5, name: 'gru', ...ZR }));
  m.add(tf.layers.dense({ units: 1, name: 'out', ...Z }));
  await emit('seq-conv-pool-gru', m, 'Conv1D same, MaxPooling1D, GRU, Dense');
}
{
  const m = tf.sequential({ name: 'seq_lstm_bn_ln_gap' });
  m.add(tf.layers.lstm({ units: 8, returnSequences: true, inputShape: [12, 3], name: 'lstm', ...ZR }));
  m.add(tf.layers.batchNormalization({ name: 'bn' }));
  m.add(tf.layers.layerNormalization({ name: 'ln' }));
  m.add(tf.layers.globalAveragePooling1d({ name: 'gap' }));
  m.add(tf.layers.dense({ units: 2, name: 'out', ...Z }));
  await emit('seq-lstm-bn-ln-gap', m, 'BatchNormalization (non-trainable moving statistics), LayerNormalization, GlobalAveragePooling1D');
}
{
  const m = tf.sequential({ name: 'seq_srnn_td' });
  m.add(tf.layers.simpleRNN({ units: 6, returnSequences: true, inputShape: [null, 4], name: 'srnn', ...ZR }));
  m.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, name: 'td_inner', ...Z }), name: 'td' }));
  await emit('seq-srnn-td', m, 'SimpleRNN with return_sequences, TimeDistributed(Dense)');
}
{
  const m = tf.sequential({ name: 'seq_autoencoder' });
  m.add(tf.layers.lstm({ units: 7, inputShape: [9, 2], name: 'enc', ...ZR }));
  m.add(tf.layers.repeatVector({ n: 9, name: 'repeat' }));
  m.add(tf.layers.lstm({ units: 7, returnSequences: true, name: 'dec', ...ZR }));
  m.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, ...Z }), name: 'recon' }));
  await emit('seq-autoencoder', m, 'LSTM encoder, RepeatVector, LSTM decoder, TimeDistributed(Dense)');
}
{
  const m = tf.sequential({ name: 'seq_conv_flatten' });
  m.add(tf.layers.conv1d({ filters: 3, kernelSize: 2, strides: 2, inputShape: [8, 3], name: 'conv', ...Z }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dropout({ rate: 0.25, name: 'drop' }));
  m.add(tf.layers.dense({ units: 4, useBias: false, name: 'out', ...Z }));
  await emit('seq-conv-flatten', m, 'Conv1D valid with strides, Flatten, Dropout, Dense without bias');
}
{
  const m = tf.sequential({ name: 'seq_convlstm2d' });
  m.add(tf.layers.convLstm2d({ filters: 3, kernelSize: 3, inputShape: [4, 8, 8, 2], name: 'convlstm', ...ZR }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dense({ units: 2, name: 'out', ...Z }));
  await emit('seq-convlstm2d', m, 'ConvLSTM2D on (time, rows, cols, channels)');
}
{
  const m = tf.sequential({ name: 'seq_rnn_cell' });
  m.add(tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 6, ...ZR }), inputShape: [null, 4], name: 'rnn_lstm' }));
  m.add(tf.layers.dense({ units: 2, name: 'out', ...Z }));
  await emit('seq-rnn-cell', m, 'Generic RNN layer wrapping an LSTMCell');
}
{
  const m = tf.sequential({ name: 'seq_bidir_modes' });
  m.add(tf.layers.bidirectional({ layer: tf.layers.simpleRNN({ units: 4, returnSequences: true, ...ZR }), mergeMode: 'concat', inputShape: [null, 3], name: 'bi_concat' }));
  m.add(tf.layers.bidirectional({ layer: tf.layers.gru({ units: 5, returnSequences: true, ...ZR }), mergeMode: 'mul', name: 'bi_mul' }));
  m.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 2, ...ZR }), mergeMode: 'ave', name: 'bi_ave' }));
  await emit('seq-bidir-modes', m, 'Bidirectional concat / mul / ave over SimpleRNN, GRU, LSTM');
}
{
  const m = tf.sequential({ name: 'seq_masking_lstm' });
  m.add(tf.layers.masking({ maskValue: 0, inputShape: [15, 4], name: 'mask' }));
  m.add(tf.layers.lstm({ units: 3, useBias: false, name: 'lstm', ...ZR }));
  m.add(tf.layers.activation({ activation: 'softmax', name: 'act' }));
  await emit('seq-masking-lstm', m, 'Masking and Activation (weightless), LSTM without bias');
}
{
  const m = tf.sequential({ name: 'seq_manifest_short' });
  m.add(tf.layers.gru({ units: 3, inputShape: [null, 2], name: 'gru', ...ZR }));
  m.add(tf.layers.dense({ units: 1, name: 'out', ...Z }));
  await emit('seq-manifest-short', m, 'model.json whose weightsManifest was cut by this script: the last weight spec (out/bias) dropped', { dropLastWeight: true });
}
{
  const m = tf.sequential({ name: 'seq_conv2d_unsupported' });
  m.add(tf.layers.reshape({ targetShape: [4, 4, 1], inputShape: [16], name: 'reshape' }));
  m.add(tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'conv2d', ...Z }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dense({ units: 1, name: 'out', ...Z }));
  await emit('seq-conv2d-unsupported', m, 'Reshape and Conv2D, which the library does not count', { unsupported: ['reshape', 'conv2d'] });
}
{
  const m = tf.sequential({ name: 'seq_stacked_cells' });
  m.add(tf.layers.rnn({ cell: [tf.layers.lstmCell({ units: 4, ...ZR }), tf.layers.gruCell({ units: 3, ...ZR })], inputShape: [null, 2], name: 'stacked' }));
  await emit('seq-stacked-cells', m, 'RNN over StackedRNNCells, which the library does not count', { unsupported: ['stacked'] });
}

// ---------------------------------------------------------------- Functional models
{
  const x = tf.input({ shape: [null, 5], name: 'x' });
  const a = tf.layers.lstm({ units: 4, name: 'lstm', ...ZR }).apply(x);
  const b = tf.layers.gru({ units: 4, name: 'gru', ...ZR }).apply(x);
  const c = tf.layers.concatenate({ name: 'concat' }).apply([a, b]);
  const y = tf.layers.dense({ units: 2, name: 'head', ...Z }).apply(c);
  await emit('fn-branch-concat', tf.model({ inputs: x, outputs: y, name: 'fn_branch_concat' }), 'Two branches (LSTM, GRU) concatenated');
}
{
  const x1 = tf.input({ shape: [6, 5], name: 'left' });
  const x2 = tf.input({ shape: [6, 5], name: 'right' });
  const shared = tf.layers.dense({ units: 3, name: 'shared', ...Z });
  const s = tf.layers.add({ name: 'sum' }).apply([shared.apply(x1), shared.apply(x2)]);
  const y = tf.layers.simpleRNN({ units: 4, name: 'srnn', ...ZR }).apply(s);
  await emit('fn-shared-add', tf.model({ inputs: [x1, x2], outputs: y, name: 'fn_shared_add' }), 'Two inputs, one Dense shared by both (counted once), Add');
}
{
  const x = tf.input({ shape: [null, 3], name: 'seq' });
  const [out, h, c] = tf.layers.lstm({ units: 5, returnState: true, name: 'lstm', ...ZR }).apply(x);
  const y = tf.layers.dense({ units: 2, name: 'head', ...Z }).apply(out);
  await emit('fn-return-state', tf.model({ inputs: x, outputs: [y, h, c], name: 'fn_return_state' }), 'LSTM with return_state; the model returns the head and both states');
}
{
  const enc = tf.input({ shape: [null, 4], name: 'enc_in' });
  const dec = tf.input({ shape: [null, 6], name: 'dec_in' });
  const [, h, c] = tf.layers.lstm({ units: 8, returnState: true, name: 'encoder', ...ZR }).apply(enc);
  const d = tf.layers.lstm({ units: 8, returnSequences: true, name: 'decoder', ...ZR }).apply(dec, { initialState: [h, c] });
  const y = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 6, ...Z }), name: 'proj' }).apply(d);
  await emit('fn-seq2seq-initial-state', tf.model({ inputs: [enc, dec], outputs: y, name: 'fn_seq2seq' }), 'Encoder-decoder: the decoder LSTM takes the encoder states as initial_state');
}
{
  const x = tf.input({ shape: [10], name: 'tokens', dtype: 'int32' });
  const e = tf.layers.embedding({ inputDim: 30, outputDim: 6, name: 'emb', embeddingsInitializer: 'zeros' }).apply(x);
  const f = tf.layers.bidirectional({ layer: tf.layers.gru({ units: 4, returnSequences: true, ...ZR }), name: 'bigru' }).apply(e);
  const m = tf.layers.globalMaxPooling1d({ name: 'gmp' }).apply(f);
  const y = tf.layers.dense({ units: 3, name: 'out', ...Z }).apply(m);
  await emit('fn-emb-bigru-gmp-unsupported', tf.model({ inputs: x, outputs: y, name: 'fn_emb_bigru' }), 'GlobalMaxPooling1D, which the library does not count', { unsupported: ['gmp'] });
}
{
  const x = tf.input({ shape: [7, 4], name: 'inp' });
  const a = tf.layers.lstm({ units: 3, returnSequences: true, name: 'l1', ...ZR }).apply(x);
  const b = tf.layers.lstm({ units: 3, returnSequences: true, name: 'l2', ...ZR }).apply(a);
  const s = tf.layers.add({ name: 'residual' }).apply([a, b]);
  const m = tf.layers.multiply({ name: 'gate' }).apply([s, b]);
  const v = tf.layers.average({ name: 'avg' }).apply([m, a]);
  const y = tf.layers.flatten({ name: 'flat' }).apply(v);
  await emit('fn-residual-merge', tf.model({ inputs: x, outputs: y, name: 'fn_residual' }), 'Add, Multiply and Average merges of LSTM outputs');
}

writeFileSync(OUT + 'manifest.json', JSON.stringify({ framework: FRAMEWORK, models: manifest }, null, 1) + '\n');
console.log(`wrote ${manifest.length * 2} files and manifest.json to ${OUT}`);
