// Oracle generator: the layer families around the recurrent layers, frozen and nested models and custom layers,
// from REAL TensorFlow.js 4.22 runs.
//
//   npm ci --prefix tools/oracles/tfjs && node tools/oracles/tfjs/families.mjs
//
// Writes (paths from the repository root):
//   tests/RecurrentParams.Tests/Vectors/tfjs-layer-families.jsonl     one row per single layer, as generate.mjs writes
//   tests/RecurrentParams.Import.Tests/Fixtures/tfjs-more/<id>.json    model.toJSON(null, false) (Keras-2-style JSON)
//   tests/RecurrentParams.Import.Tests/Fixtures/tfjs-more/<id>.model.json   what model.save() writes as model.json
//   tests/RecurrentParams.Import.Tests/Fixtures/tfjs-more/manifest.json     what tfjs reports for each model
// Every count and shape comes from tfjs objects (countParams, trainableWeights, outputShape, the weight specs); the
// script only holds configurations. For each model it also loads the JSON back (tf.models.modelFromJSON) and records
// what tfjs counts for the loaded model: the readers read that JSON. Deterministic: no random choices.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

tf.enableProdMode();
const EXPECTED_TFJS = '4.22.0';
if (tf.version.tfjs !== EXPECTED_TFJS) {
  throw new Error(`expected tfjs ${EXPECTED_TFJS}, got ${tf.version.tfjs}`);
}
const FRAMEWORK = `tfjs-${tf.version.tfjs}`;
const VECTORS = new URL('../../../tests/RecurrentParams.Tests/Vectors/', import.meta.url);
const FIXTURES = fileURLToPath(new URL('../../../tests/RecurrentParams.Import.Tests/Fixtures/tfjs-more/', import.meta.url));

const Z = { kernelInitializer: 'zeros', biasInitializer: 'zeros' };
const ZR = { ...Z, recurrentInitializer: 'zeros' };
const numel = (w) => tf.util.sizeFromShape(w.shape);
const sum = (ws) => ws.reduce((acc, w) => acc + numel(w), 0);
const shapeOf = (y) => (Array.isArray(y) ? y.map((t) => t.shape) : y.shape);
const counts = (l) => ({ params: l.countParams(), trainable: sum(l.trainableWeights), nonTrainable: sum(l.nonTrainableWeights) });
function weightRows(layer) {
  return layer.weights.map((w) => {
    const name = w.originalName ?? w.name;
    let short = name.slice(name.lastIndexOf('/') + 1);
    if (short.endsWith(':0')) short = short.slice(0, -2);
    return { name: short, path: name, shape: w.shape, trainable: w.trainable };
  });
}

// Keras snake_case config (written to the rows) -> tfjs camelCase arguments.
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
// A copy: tfjs writes into some arguments (Reshape's target shape, -1 becomes null), and the rows keep the config as given.
const toTfjs = (config) => Object.fromEntries(Object.entries(structuredClone(config)).map(([k, v]) => [camel(k), v]));
const FACTORY = {
  Reshape: tf.layers.reshape, Permute: tf.layers.permute, Flatten: tf.layers.flatten, RepeatVector: tf.layers.repeatVector,
  Masking: tf.layers.masking, Cropping2D: tf.layers.cropping2D, ZeroPadding2D: tf.layers.zeroPadding2d,
  UpSampling2D: tf.layers.upSampling2d,
  Conv1D: (a) => tf.layers.conv1d({ ...Z, ...a }), Conv2D: (a) => tf.layers.conv2d({ ...Z, ...a }),
  Conv3D: (a) => tf.layers.conv3d({ ...Z, ...a }), Conv2DTranspose: (a) => tf.layers.conv2dTranspose({ ...Z, ...a }),
  SeparableConv2D: (a) => tf.layers.separableConv2d({ depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros', biasInitializer: 'zeros', ...a }),
  DepthwiseConv2D: (a) => tf.layers.depthwiseConv2d({ depthwiseInitializer: 'zeros', biasInitializer: 'zeros', ...a }),
  MaxPooling1D: tf.layers.maxPooling1d, MaxPooling2D: tf.layers.maxPooling2d, MaxPooling3D: tf.layers.maxPooling3d,
  AveragePooling1D: tf.layers.averagePooling1d, AveragePooling2D: tf.layers.averagePooling2d, AveragePooling3D: tf.layers.averagePooling3d,
  GlobalMaxPooling1D: tf.layers.globalMaxPooling1d, GlobalMaxPooling2D: tf.layers.globalMaxPooling2d,
  GlobalAveragePooling1D: tf.layers.globalAveragePooling1d, GlobalAveragePooling2D: tf.layers.globalAveragePooling2d,
  Concatenate: tf.layers.concatenate, Add: tf.layers.add, Multiply: tf.layers.multiply, Average: tf.layers.average,
  Maximum: tf.layers.maximum, Minimum: tf.layers.minimum, Dot: tf.layers.dot,
  Activation: tf.layers.activation, ReLU: tf.layers.reLU, LeakyReLU: tf.layers.leakyReLU, ELU: tf.layers.elu,
  Softmax: tf.layers.softmax, PReLU: (a) => tf.layers.prelu({ alphaInitializer: 'zeros', ...a }),
  ThresholdedReLU: tf.layers.thresholdedReLU, GaussianNoise: tf.layers.gaussianNoise,
  GaussianDropout: tf.layers.gaussianDropout, AlphaDropout: tf.layers.alphaDropout, SpatialDropout1D: tf.layers.spatialDropout1d,
  BatchNormalization: tf.layers.batchNormalization, LayerNormalization: tf.layers.layerNormalization,
  Embedding: (a) => tf.layers.embedding({ embeddingsInitializer: 'zeros', ...a }),
  ConvLSTM2D: (a) => tf.layers.convLstm2d({ ...ZR, ...a }), LSTM: (a) => tf.layers.lstm({ ...ZR, ...a }),
  GRU: (a) => tf.layers.gru({ ...ZR, ...a }), Dense: (a) => tf.layers.dense({ ...Z, ...a }),
};
function makeLayer(spec) {
  if (spec.layer === 'TimeDistributed') return tf.layers.timeDistributed({ layer: makeLayer(spec.inner), ...toTfjs(spec.config) });
  if (spec.layer === 'Bidirectional') return tf.layers.bidirectional({ layer: makeLayer(spec.inner), ...toTfjs(spec.config) });
  const f = FACTORY[spec.layer];
  if (!f) throw new Error(`no factory for ${spec.layer}`);
  return f(toTfjs(spec.config));
}

// ---------------------------------------------------------------- single layers
const N = null;
const CF = 'channelsFirst';
const LAYERS = [
  ['reshape-3x4', 'reshaping', 'Reshape', { target_shape: [3, 4] }, [N, 12]],
  ['reshape-minus1', 'reshaping', 'Reshape', { target_shape: [-1, 4] }, [N, 6, 2]],
  ['permute-21', 'reshaping', 'Permute', { dims: [2, 1] }, [N, 3, 5]],
  ['flatten-4d', 'reshaping', 'Flatten', {}, [N, 4, 5, 6]],
  ['repeatvector-4', 'reshaping', 'RepeatVector', { n: 4 }, [N, 5]],
  ['masking', 'reshaping', 'Masking', { mask_value: 0 }, [N, N, 5]],
  ['cropping2d-pairs', 'reshaping', 'Cropping2D', { cropping: [[1, 2], [3, 4]] }, [N, 10, 12, 3]],
  ['zeropadding2d-pairs', 'reshaping', 'ZeroPadding2D', { padding: [[1, 2], [3, 4]] }, [N, 10, 12, 3]],
  ['upsampling2d-2x3', 'reshaping', 'UpSampling2D', { size: [2, 3] }, [N, 10, 12, 3]],
  ['conv1d-dil2', 'convolution', 'Conv1D', { filters: 8, kernel_size: 3, dilation_rate: 2 }, [N, 20, 4]],
  ['conv2d-k3', 'convolution', 'Conv2D', { filters: 8, kernel_size: 3 }, [N, 28, 28, 3]],
  ['conv2d-k3x5-s2-same', 'convolution', 'Conv2D', { filters: 8, kernel_size: [3, 5], strides: [2, 1], padding: 'same' }, [N, 27, 28, 3]],
  ['conv2d-cf-nobias', 'convolution', 'Conv2D', { filters: 5, kernel_size: 3, data_format: CF, use_bias: false }, [N, 3, 16, 17]],
  ['conv3d-k3', 'convolution', 'Conv3D', { filters: 4, kernel_size: 3 }, [N, 8, 10, 12, 2]],
  ['conv2dtranspose-k3-s2', 'convolution', 'Conv2DTranspose', { filters: 4, kernel_size: 3, strides: 2 }, [N, 7, 8, 3]],
  ['conv2dtranspose-same', 'convolution', 'Conv2DTranspose', { filters: 4, kernel_size: [3, 2], strides: [2, 1], padding: 'same' }, [N, 7, 8, 3]],
  ['separableconv2d-dm2', 'convolution', 'SeparableConv2D', { filters: 8, kernel_size: 3, depth_multiplier: 2 }, [N, 16, 16, 3]],
  ['depthwiseconv2d-dm2-same', 'convolution', 'DepthwiseConv2D', { kernel_size: [3, 2], depth_multiplier: 2, padding: 'same' }, [N, 16, 16, 3]],
  ['maxpooling1d-3-s1-same', 'pooling', 'MaxPooling1D', { pool_size: 3, strides: 1, padding: 'same' }, [N, 11, 3]],
  ['maxpooling2d-2', 'pooling', 'MaxPooling2D', { pool_size: 2 }, [N, 11, 12, 3]],
  ['maxpooling3d-2', 'pooling', 'MaxPooling3D', { pool_size: 2 }, [N, 6, 7, 8, 2]],
  ['averagepooling1d-2', 'pooling', 'AveragePooling1D', { pool_size: 2 }, [N, 11, 3]],
  ['averagepooling2d-3x2-same', 'pooling', 'AveragePooling2D', { pool_size: [3, 2], strides: 1, padding: 'same' }, [N, 11, 12, 3]],
  ['averagepooling3d-3-s2-same', 'pooling', 'AveragePooling3D', { pool_size: 3, strides: 2, padding: 'same' }, [N, 6, 7, 8, 2]],
  ['globalmaxpooling1d', 'pooling', 'GlobalMaxPooling1D', {}, [N, 11, 3]],
  ['globalmaxpooling2d', 'pooling', 'GlobalMaxPooling2D', {}, [N, 11, 12, 3]],
  ['globalaveragepooling2d-cf', 'pooling', 'GlobalAveragePooling2D', { data_format: CF }, [N, 3, 11, 12]],
  ['concatenate-axis1', 'merging', 'Concatenate', { axis: 1 }, [[N, 3, 5], [N, 4, 5]]],
  ['add-3', 'merging', 'Add', {}, [[N, 7, 5], [N, 7, 5], [N, 7, 5]]],
  ['multiply-2', 'merging', 'Multiply', {}, [[N, 7, 5], [N, 7, 5]]],
  ['average-2', 'merging', 'Average', {}, [[N, 7, 5], [N, 7, 5]]],
  ['maximum-2', 'merging', 'Maximum', {}, [[N, 5], [N, 5]]],
  ['minimum-2', 'merging', 'Minimum', {}, [[N, 5], [N, 5]]],
  ['dot-axes2', 'merging', 'Dot', { axes: [2, 2] }, [[N, 7, 5], [N, 9, 5]]],
  ['dot-axes1', 'merging', 'Dot', { axes: 1 }, [[N, 5], [N, 5]]],
  ['activation-tanh', 'activations', 'Activation', { activation: 'tanh' }, [N, 7, 5]],
  ['relu', 'activations', 'ReLU', {}, [N, 5]],
  ['leakyrelu', 'activations', 'LeakyReLU', { alpha: 0.2 }, [N, 7, 5]],
  ['elu', 'activations', 'ELU', {}, [N, 5]],
  ['softmax', 'activations', 'Softmax', {}, [N, 7, 5]],
  ['thresholdedrelu', 'activations', 'ThresholdedReLU', {}, [N, 5]],
  ['prelu-default', 'activations', 'PReLU', {}, [N, 7, 5]],
  ['prelu-shared1', 'activations', 'PReLU', { shared_axes: [1] }, [N, 7, 5]],
  ['gaussiannoise', 'noise', 'GaussianNoise', { stddev: 0.1 }, [N, 7, 5]],
  ['gaussiandropout', 'noise', 'GaussianDropout', { rate: 0.2 }, [N, 7, 5]],
  ['alphadropout', 'noise', 'AlphaDropout', { rate: 0.2 }, [N, 5]],
  ['spatialdropout1d', 'noise', 'SpatialDropout1D', { rate: 0.3 }, [N, 7, 5]],
  ['batchnorm-axis1-4d', 'normalization', 'BatchNormalization', { axis: 1 }, [N, 3, 8, 8]],
  ['layernorm-4d', 'normalization', 'LayerNormalization', {}, [N, 6, 7, 5]],
  ['convlstm2d-same-seq', 'recurrent', 'ConvLSTM2D', { filters: 3, kernel_size: 3, padding: 'same', return_sequences: true }, [N, 4, 9, 10, 2]],
];

const layerRows = [];
for (const [id, family, layer, config, input, inner] of LAYERS) {
  const several = Array.isArray(input[0]);
  const xs = (several ? input : [input]).map((s) => tf.input({ batchShape: s }));
  const spec = { layer, config, ...(inner ? { inner } : {}) };
  const l = makeLayer(spec);
  const y = l.apply(several ? xs : xs[0]);
  layerRows.push({
    id, framework: FRAMEWORK, family, layer, config, inner: inner ?? null, call: several ? 'list' : 'one',
    inputShape: input, outputShape: shapeOf(y), ...counts(l), weights: weightRows(l),
  });
}
tf.disposeVariables();

// ---------------------------------------------------------------- custom layers
// A user's own layers, registered so that tfjs can save and reload them: the library does not know them, so it counts
// the one with weights from the weights manifest and lists the other as not counted.
class AttentionPooling extends tf.layers.Layer {
  static className = 'AttentionPooling';

  build(inputShape) {
    this.w = this.addWeight('att_weight', [inputShape[inputShape.length - 1], 1], 'float32', tf.initializers.zeros());
    this.b = this.addWeight('att_bias', [inputShape[1], 1], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  computeOutputShape(inputShape) {
    return [inputShape[0], inputShape[inputShape.length - 1]];
  }

  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const a = tf.softmax(tf.tanh(tf.add(tf.matMul(x, this.w.read()), this.b.read())), 1);
      return tf.sum(tf.mul(x, a), 1);
    });
  }
}
tf.serialization.registerClass(AttentionPooling);

class Scale extends tf.layers.Layer {
  static className = 'Scale';

  call(inputs) {
    return tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, 2);
  }
}
tf.serialization.registerClass(Scale);

// ---------------------------------------------------------------- models
mkdirSync(FIXTURES, { recursive: true });
const manifest = [];

async function capture(model) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }));
  return artifacts;
}

async function emit(id, model, note) {
  const topology = model.toJSON(null, false);
  writeFileSync(FIXTURES + id + '.json', JSON.stringify(topology, null, 1) + '\n');
  const artifacts = await capture(model);
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
  };
  writeFileSync(FIXTURES + id + '.model.json', JSON.stringify(modelJson, null, 1) + '\n');
  // The readers read the JSON: what tfjs counts for the model it loads back from it is the truth.
  const reloaded = await tf.models.modelFromJSON({ modelTopology: topology });
  manifest.push({
    id, framework: FRAMEWORK, note, name: model.name, ...counts(model), reloaded: counts(reloaded),
    weightsManifestParams: artifacts.weightSpecs.reduce((acc, s) => acc + tf.util.sizeFromShape(s.shape), 0),
    layers: reloaded.layers.map((l) => ({ name: l.name, class: l.getClassName(), outputShape: l.outputShape, ...counts(l), layerTrainable: l.trainable })),
  });
  tf.disposeVariables();
}

{
  const m = tf.sequential({ name: 'frozen_lstm' });
  m.add(tf.layers.lstm({ units: 4, inputShape: [null, 5], name: 'encoder', ...ZR }));
  m.add(tf.layers.dense({ units: 2, name: 'head', ...Z }));
  m.getLayer('encoder').trainable = false;
  await emit('frozen-lstm', m, 'LSTM frozen with the trainable setter');
}
{
  const x = tf.input({ shape: [6, 5], name: 'inputs' });
  let y = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 4, returnSequences: true, ...ZR }), trainable: false, name: 'bi' }).apply(x);
  y = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, trainable: false, ...Z }), name: 'td_inner_frozen' }).apply(y);
  y = tf.layers.batchNormalization({ name: 'bn' }).apply(y);
  await emit('frozen-wrappers', tf.model({ inputs: x, outputs: y, name: 'frozen_wrappers' }), 'Bidirectional frozen through its own config, TimeDistributed over a frozen Dense, BatchNormalization');
}
{
  const inner = tf.sequential({ name: 'encoder' });
  inner.add(tf.layers.gru({ units: 6, inputShape: [null, 4], returnSequences: true, ...ZR }));
  inner.add(tf.layers.lstm({ units: 3, ...ZR }));
  const m = tf.sequential({ name: 'nested' });
  m.add(inner);
  m.add(tf.layers.dense({ units: 2, name: 'head', ...Z }));
  await emit('nested-sequential', m, 'A Sequential model used as the first layer of another');
}
{
  const x = tf.input({ shape: [28, 28, 1], name: 'image' });
  let y = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv', ...Z }).apply(x);
  y = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(y);
  y = tf.layers.separableConv2d({ filters: 6, kernelSize: 3, name: 'sep', depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros' }).apply(y);
  y = tf.layers.reshape({ targetShape: [12, 72], name: 'to_seq' }).apply(y);
  y = tf.layers.gru({ units: 5, name: 'gru', ...ZR }).apply(y);
  await emit('conv-gru', tf.model({ inputs: x, outputs: y, name: 'conv_gru' }), 'Conv2D, MaxPooling2D, SeparableConv2D, Reshape, GRU');
}
{
  const a = tf.input({ shape: [7, 5], name: 'a' });
  const b = tf.input({ shape: [9, 5], name: 'b' });
  const la = tf.layers.lstm({ units: 4, returnSequences: true, name: 'la', ...ZR }).apply(a);
  const lb = tf.layers.lstm({ units: 4, returnSequences: true, name: 'lb', ...ZR }).apply(b);
  const d = tf.layers.dot({ axes: [2, 2], name: 'scores' }).apply([la, lb]);
  const y = tf.layers.globalMaxPooling1d({ name: 'gmp' }).apply(d);
  await emit('dot-attention', tf.model({ inputs: [a, b], outputs: y, name: 'dot_attention' }), 'Dot of two LSTM sequences, GlobalMaxPooling1D');
}
{
  const x = tf.input({ shape: [10, 6], name: 'x' });
  let y = tf.layers.lstm({ units: 8, returnSequences: true, name: 'lstm', ...ZR }).apply(x);
  y = new AttentionPooling({ name: 'attention_pooling' }).apply(y);
  y = tf.layers.dense({ units: 3, name: 'out', ...Z }).apply(y);
  await emit('custom-with-weights', tf.model({ inputs: x, outputs: y, name: 'custom_with_weights' }), 'A user layer with weights, which the weights manifest lists');
}
{
  const m = tf.sequential({ name: 'custom_without_weights' });
  m.add(tf.layers.gru({ units: 5, inputShape: [null, 4], returnSequences: true, name: 'gru', ...ZR }));
  m.add(new Scale({ name: 'scale' }));
  m.add(tf.layers.lstm({ units: 3, name: 'lstm', ...ZR }));
  await emit('custom-without-weights', m, 'A user layer without weights');
}

writeFileSync(FIXTURES + 'manifest.json', JSON.stringify({ framework: FRAMEWORK, models: manifest }, null, 1) + '\n');
writeFileSync(new URL('tfjs-layer-families.jsonl', VECTORS), layerRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`wrote ${layerRows.length} layer rows and ${manifest.length} models`);
