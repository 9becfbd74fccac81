"""Truth for every model file in a folder, from the frameworks themselves, and an optional file-by-file comparison.

    /usr/bin/python3 tools/oracles/wild/verify.py <folder> --keras-src <keras-src folder> --shims <shims folder>
        [--library <library counts file>] [--table <markdown file>]

Which framework answers for which file (see README.md next to this script):
- TensorFlow.js model.json (with modelTopology) and Keras 2-style JSON: TensorFlow.js 4.22 (tfjs_truth.mjs, run
  with node); its countParams() and the sums of trainableWeights / nonTrainableWeights.
- Keras 3 JSON, and a Keras 2 JSON or tfjs topology that tfjs 4.22 cannot load: Keras 3.16 on the numpy backend;
  keras.models.model_from_json (or, for a Keras 2 config it refuses, Keras 3's own loader for legacy configs,
  keras.src.legacy.saving.saving_utils.model_from_config), then count_params() and the sums over trainable_weights /
  non_trainable_weights.
- Keras 1 JSON (keras_version 1.x, or "output_dim" on a Dense / recurrent layer): no framework here loads it. The
  count is DERIVED from Keras 1.2.2's build() rules, quoted in KERAS1_RULES below; the row says "derived".
- ONNX: the onnx Python package. It counts the elements of (a) every floating-point initializer, and (b) every
  floating-point tensor held by a Constant node's "value" attribute, or given as a graph input with a fully static
  shape (not backed by an initializer), that reaches a weight slot of an LSTM / GRU / RNN node (W, R, B, and LSTM's
  P), directly or through shape-only ops (SHAPE_OPS). A float Constant that reaches no weight slot (a recurrent
  node's zero initial state, fed to Expand and then initial_h / initial_c) is not a parameter. Integer tensors
  (shapes, indices) are not parameters. ONNX has no trainable flag: trainable = total.

Each file gets one JSON line on stdout: file, format, framework, total, trainable (or error).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ------------------------------------------------------------------ Keras 1.2.2 (derived)
# Weight shapes from Keras 1.2.2's build() methods (keras/layers/*.py at tag 1.2.2), for the layers that occur in
# Keras 1 files. n = input's last dimension, m = output_dim.
#   Dense:      W (n, m) and, when bias, b (m,)                                    core.py Dense.build
#   Embedding:  W (input_dim, output_dim)                                          embeddings.py Embedding.build
#   SimpleRNN:  W (n, m), U (m, m), b (m,)                                         recurrent.py SimpleRNN.build
#   GRU:        W (n, 3m), U (m, 3m), b (3m,)  (or W_z/W_r/W_h... of the same total)  recurrent.py GRU.build
#   LSTM:       W (n, 4m), U (m, 4m), b (4m,)  (or per-gate W_i/U_i/b_i...)        recurrent.py LSTM.build
#   TimeDistributed(inner): the inner layer built on the input without its time axis
#   Activation, Dropout, Merge(mode=concat|sum|mul|ave|max): no weights; concat joins the last dimensions
# Every weight is trainable unless the layer says "trainable": false.
KERAS1_RULES = {
    'Dense': lambda n, c: (n * c['output_dim'] + (c['output_dim'] if c.get('bias', True) else 0), c['output_dim']),
    'SimpleRNN': lambda n, c: (n * c['output_dim'] + c['output_dim'] ** 2 + c['output_dim'], c['output_dim']),
    'GRU': lambda n, c: (3 * (n * c['output_dim'] + c['output_dim'] ** 2 + c['output_dim']), c['output_dim']),
    'LSTM': lambda n, c: (4 * (n * c['output_dim'] + c['output_dim'] ** 2 + c['output_dim']), c['output_dim']),
}
KERAS1_NO_WEIGHTS = {'Activation', 'Dropout'}


def keras1_layer(layer, width):
    """Returns (params, trainable params, output width) of one Keras 1 layer given its input's last dimension."""
    name, c = layer['class_name'], layer['config']
    if name == 'Sequential':
        return keras1_sequence(c if isinstance(c, list) else c['layers'])
    if name == 'Merge':
        if c.get('mode') not in ('concat', 'sum', 'mul', 'ave', 'max'):
            raise ValueError(f"Merge mode {c.get('mode')!r} is not derived")
        parts = [keras1_layer(inner, None) for inner in c['layers']]
        if c['mode'] == 'concat' and c.get('concat_axis', -1) != -1:
            raise ValueError('Merge concat_axis other than -1 is not derived')
        out = sum(p[2] for p in parts) if c['mode'] == 'concat' else parts[0][2]
        return sum(p[0] for p in parts), sum(p[1] for p in parts), out
    if width is None:
        shape = c.get('batch_input_shape')
        width = shape[-1] if shape and name != 'Embedding' else c.get('input_dim')
    if name == 'Embedding':
        n = c['input_dim'] * c['output_dim']
        result = (n, c['output_dim'])
    elif name == 'TimeDistributed':
        inner = keras1_layer(c['layer'], width)
        trainable = inner[1] if c.get('trainable', True) else 0
        return inner[0], trainable, inner[2]
    elif name in KERAS1_RULES:
        result = KERAS1_RULES[name](width, c)
    elif name in KERAS1_NO_WEIGHTS:
        result = (0, width)
    else:
        raise ValueError(f'layer {name} has no Keras 1.2.2 rule here')
    trainable = result[0] if c.get('trainable', True) else 0
    return result[0], trainable, result[1]


def keras1_sequence(layers):
    total = trainable = 0
    width = None
    for layer in layers:
        p, t, width = keras1_layer(layer, width)
        total += p
        trainable += t
    return total, trainable, width


def is_keras1(doc):
    version = str(doc.get('keras_version', ''))
    if version.startswith('1.'):
        return True
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get('class_name') in ('Dense', 'LSTM', 'GRU', 'SimpleRNN') and isinstance(node.get('config'), dict) \
                    and 'output_dim' in node['config'] and 'units' not in node['config']:
                found.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(doc)
    return bool(found)


def keras1_truth(doc):
    c = doc['config']
    total, trainable, _ = keras1_sequence(c if isinstance(c, list) else c['layers'])
    return {'framework': 'derived from Keras 1.2.2 rules', 'total': total, 'trainable': trainable}


# ------------------------------------------------------------------ Keras 3.16
_keras = None


def keras3(args):
    global _keras
    if _keras is None:
        os.environ.setdefault('KERAS_BACKEND', 'numpy')
        sys.path.insert(0, args.shims)
        sys.path.insert(0, args.keras_src)
        import k3boot  # noqa: F401  (the shared runner's stand-ins, see README.md)
        import keras
        if keras.__version__ != '3.16.0':
            raise SystemExit(f'expected Keras 3.16.0, got {keras.__version__}')
        _keras = keras
    return _keras


def cudnn_stand_ins(keras):
    """Keras 2's CuDNNLSTM / CuDNNGRU, which Keras 3 no longer has. Their weights follow Keras 2.2.4's
    keras/layers/cudnn_recurrent.py build(): kernel (n, g*units), recurrent_kernel (units, g*units) and a bias of
    2*g*units (cuDNN keeps an input and a recurrent bias), g = 4 for LSTM and 3 for GRU. Everything the count needs
    (units, return_sequences, the input's width) is in the file."""
    def make(gates, class_name):
        class CuDNN(keras.layers.Layer):
            def __init__(self, units, return_sequences=False, return_state=False, name=None, trainable=True,
                         input_shape=None, **_ignored):
                extra = {} if input_shape is None else {'input_shape': input_shape}
                super().__init__(name=name, trainable=trainable, **extra)
                self.units, self.return_sequences = units, return_sequences
                if return_state:
                    raise ValueError('return_state is not needed by any file here')

            def build(self, shape):
                n = shape[-1]
                self.add_weight(shape=(n, gates * self.units), name='kernel')
                self.add_weight(shape=(self.units, gates * self.units), name='recurrent_kernel')
                self.add_weight(shape=(2 * gates * self.units,), name='bias')

            def compute_output_shape(self, shape):
                return (shape[0], shape[1], self.units) if self.return_sequences else (shape[0], self.units)

            def call(self, x):
                raise NotImplementedError('stand-in: built for counting only')
        CuDNN.__name__ = class_name
        return CuDNN
    return {'CuDNNLSTM': make(4, 'CuDNNLSTM'), 'CuDNNGRU': make(3, 'CuDNNGRU')}


def keras2_for_keras3(node):
    """The two Keras 2 spellings Keras 3.16 refuses in a layer's config, rewritten to what they mean: a layer's
    batch_input_shape [b, *s] becomes input_shape s (Keras 3's Layer takes input_shape and Sequential turns it into an
    InputLayer, as Keras 2 did), and tf.keras's time_major (it only swaps the batch and time axes of the input, never
    a weight) is dropped. Nothing that decides a weight's shape is touched."""
    if isinstance(node, list):
        return [keras2_for_keras3(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: keras2_for_keras3(v) for k, v in node.items()}
    config = out.get('config')
    if 'class_name' in out and isinstance(config, dict) and out['class_name'] != 'InputLayer':
        config.pop('time_major', None)
        shape = config.pop('batch_input_shape', None)
        if shape is not None:
            config['input_shape'] = shape[1:]
    return out


def keras3_truth(args, doc):
    keras = keras3(args)
    custom = cudnn_stand_ins(keras)
    if isinstance(doc, dict) and 'model_config' in doc and 'class_name' not in doc:
        doc = doc['model_config']  # a tfjs topology written from Keras 3 wraps the model's JSON in model_config
    text = json.dumps(doc)
    errors = []
    model = None
    try:
        model = keras.models.model_from_json(text, custom_objects=custom)
    except Exception as e:  # fall back to Keras 3's loader for legacy (Keras 2) configs
        errors.append(f'model_from_json: {type(e).__name__}: {str(e).splitlines()[0][:200]}')
        try:
            from keras.src.legacy.saving import saving_utils
            with keras.saving.custom_object_scope(custom):
                model = saving_utils.model_from_config(keras2_for_keras3(doc), custom_objects=custom)
        except Exception as e2:
            errors.append(f'legacy model_from_config: {type(e2).__name__}: {str(e2).splitlines()[0][:200]}')
    if model is not None and not model.built:
        errors.append('the model loaded but is not built (no input shape in the file)')
        model = None
    if model is None:
        return {'framework': 'keras-3.16.0', 'error': ' | '.join(errors)}
    size = lambda ws: int(sum(int(__import__('numpy').prod(w.shape)) for w in ws))
    used = [n for n in custom if n in text]
    row = {'framework': 'keras-3.16.0' + (' (stand-in: ' + ', '.join(used) + ')' if used else ''),
           'total': int(model.count_params()), 'trainable': size(model.trainable_weights)}
    if row['total'] != row['trainable'] + size(model.non_trainable_weights):
        raise AssertionError('trainable + non-trainable differ from count_params()')
    keras.backend.clear_session()
    return row


# ------------------------------------------------------------------ ONNX
WEIGHT_SLOTS = {'LSTM': (1, 2, 3, 7), 'GRU': (1, 2, 3), 'RNN': (1, 2, 3)}


SHAPE_OPS = {'Identity', 'Unsqueeze', 'Squeeze', 'Slice', 'Concat', 'Transpose', 'Reshape', 'Split', 'Cast'}


def onnx_truth(path):
    import numpy as np
    import onnx
    from onnx import TensorProto
    model = onnx.load(path, load_external_data=False)
    g = model.graph
    floats = {TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16, TensorProto.BFLOAT16}
    consumers = {}
    for node in g.node:  # top-level graph only; no file here has weights inside subgraphs
        for i, name in enumerate(node.input):
            consumers.setdefault(name, []).append((node, i))

    def reaches_weight_slot(name, seen=()):
        for node, i in consumers.get(name, []):
            if i in WEIGHT_SLOTS.get(node.op_type, ()):
                return True
            if node.op_type in SHAPE_OPS and node.output and node.output[0] not in seen:
                if reaches_weight_slot(node.output[0], seen + (name,)):
                    return True
        return False

    size = lambda dims: int(np.prod(dims, dtype=np.int64))
    total = 0
    names = set()
    for t in g.initializer:
        names.add(t.name)
        if t.data_type in floats:
            total += size(t.dims)
    for node in g.node:
        if node.op_type == 'Constant':
            for a in node.attribute:
                if a.name == 'value' and a.t.data_type in floats and reaches_weight_slot(node.output[0]):
                    total += size(a.t.dims)
    for i in g.input:
        if i.name in names or not reaches_weight_slot(i.name):
            continue
        tt = i.type.tensor_type
        dims = [d.dim_value if d.HasField('dim_value') else None for d in tt.shape.dim]
        if tt.elem_type in floats and all(d is not None for d in dims):
            total += size(dims)
    return {'framework': f'onnx-{onnx.__version__}', 'total': total, 'trainable': total}


# ------------------------------------------------------------------ driver
def main():
    p = argparse.ArgumentParser()
    p.add_argument('folder')
    p.add_argument('--keras-src', required=True)
    p.add_argument('--shims', required=True)
    p.add_argument('--library', help='lines "<file> <format> <total> <trainable>" from the library, to compare')
    p.add_argument('--table', help='write the comparison as a markdown table to this file')
    args = p.parse_args()
    files = sorted(os.listdir(args.folder))
    jsons = [f for f in files if f.endswith('.json')]
    tfjs = {}
    if jsons:
        out = subprocess.run(['node', os.path.join(HERE, 'tfjs_truth.mjs'), args.folder, *jsons],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            row = json.loads(line)
            tfjs[row['file']] = row
    rows = []
    for f in files:
        path = os.path.join(args.folder, f)
        row = {'file': f}
        if f.endswith('.onnx'):
            row['format'] = 'onnx'
            row.update(onnx_truth(path))
        elif f.endswith('.json'):
            with open(path, encoding='utf-8') as fh:
                doc = json.load(fh)
            is_tfjs = isinstance(doc, dict) and 'modelTopology' in doc
            topology = doc['modelTopology'] if is_tfjs else doc
            row['format'] = 'tfjs' if is_tfjs else 'keras-json'
            t = tfjs[f]
            if is_keras1(topology):
                row.update(keras1_truth(topology))
            elif 'error' not in t and not str(topology.get('keras_version', '')).startswith('3.'):
                row.update({k: t[k] for k in ('framework', 'total', 'trainable')})
            else:
                row.update(keras3_truth(args, topology))
                if 'error' in t:
                    row['note'] = 'tfjs 4.22: ' + t['error']
        else:
            continue
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.library:
        lib = {}
        with open(args.library, encoding='utf-8') as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 4:
                    lib[parts[0]] = parts[1:]
        lines = ['| file | format | framework | framework total / trainable | library total / trainable | match |',
                 '| --- | --- | --- | --- | --- | --- |']
        matched = 0
        for r in rows:
            l = lib.get(r['file'])
            truth = f"{r['total']} / {r['trainable']}" if 'total' in r else 'cannot load: ' + r.get('error', '')
            mine = f'{l[1]} / {l[2]}' + (' (lower bound)' if len(l) > 3 and l[3] == 'lower-bound' else '') if l else 'missing'
            ok = 'total' in r and l is not None and int(l[1]) == r['total'] and int(l[2]) == r['trainable']
            matched += ok
            lines.append(f"| {r['file']} | {r['format']} | {r['framework']} | {truth} | {mine} | {'yes' if ok else 'NO'} |")
        lines.append('')
        lines.append(f'{matched}/{len(rows)} files match exactly (total and trainable).')
        text = '\n'.join(lines) + '\n'
        if args.table:
            with open(args.table, 'w', encoding='utf-8') as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)


if __name__ == '__main__':
    main()
