#!/usr/bin/python3
"""Hand-written Keras 1 topology JSON, in the style of the files Keras 1.x wrote with model.to_json().

    python3 tools/oracles/files/keras1_files.py

Writes tests/RecurrentParams.Import.Tests/Fixtures/keras1/<id>.json. No Keras 1 runs here (Keras 1 needs Theano or
TensorFlow 1.x and Python 2-era dependencies), so these files hold no counts: the tests derive every expected count
from Keras 1.2.2's own source (keras-team/keras, tag 1.2.2: keras/layers/recurrent.py, core.py, convolutional.py,
normalization.py, embeddings.py, wrappers.py, engine/topology.py) and show the derivation. The configurations use
Keras 1's keys as its to_json() wrote them: output_dim (not units), input_dim / input_length / batch_input_shape,
init / inner_init, W_regularizer / U_regularizer / b_regularizer, dropout_W / dropout_U, consume_less, bias (Dense),
nb_filter / filter_length / border_mode / subsample_length (Convolution1D), nb_row / nb_col / dim_ordering
(Convolution2D), pool_length / stride (MaxPooling1D), mode / concat_axis (Merge), p (Dropout), input_dtype.
Deterministic: the same bytes on every run.
"""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                   "tests", "RecurrentParams.Import.Tests", "Fixtures", "keras1")


def recurrent(cls, name, output_dim, input_dim=None, **extra):
    config = {"name": name, "trainable": True, "return_sequences": False, "go_backwards": False, "stateful": False,
              "unroll": False, "consume_less": "cpu", "input_dim": input_dim, "input_length": None,
              "output_dim": output_dim, "init": "glorot_uniform", "inner_init": "orthogonal", "activation": "tanh",
              "W_regularizer": None, "U_regularizer": None, "b_regularizer": None, "dropout_W": 0.0, "dropout_U": 0.0}
    if cls in ("GRU", "LSTM"):
        config["inner_activation"] = "hard_sigmoid"
    if cls == "LSTM":
        config["forget_bias_init"] = "one"
    config.update(extra)
    return {"class_name": cls, "config": config}


def dense(name, output_dim, input_dim=None, **extra):
    config = {"name": name, "trainable": True, "init": "glorot_uniform", "activation": "linear", "W_regularizer": None,
              "b_regularizer": None, "activity_regularizer": None, "W_constraint": None, "b_constraint": None,
              "bias": True, "input_dim": input_dim, "output_dim": output_dim}
    config.update(extra)
    return {"class_name": "Dense", "config": config}


def embedding(name, input_dim, output_dim, input_length, **extra):
    config = {"name": name, "trainable": True, "input_dim": input_dim, "output_dim": output_dim, "init": "uniform",
              "input_length": input_length, "mask_zero": False, "dropout": 0.0, "W_regularizer": None,
              "activity_regularizer": None, "W_constraint": None, "input_dtype": "int32",
              "batch_input_shape": [None, input_length]}
    config.update(extra)
    return {"class_name": "Embedding", "config": config}


def simple(cls, name, **config):
    return {"class_name": cls, "config": {"name": name, "trainable": True, **config}}


MODELS = {
    # Embedding, GRU (consume_less gpu: one W of (input_dim, 3·output_dim)), Dropout, TimeDistributed(Dense).
    "seq-emb-gru-td": {"class_name": "Sequential", "keras_version": "1.2.2", "config": [
        embedding("embedding_1", 40, 8, 10),
        recurrent("GRU", "gru_1", 16, 8, return_sequences=True, consume_less="gpu"),
        simple("Dropout", "dropout_1", p=0.2),
        {"class_name": "TimeDistributed", "config": {"name": "timedistributed_1", "trainable": True,
                                                    "layer": dense("dense_1", 40, activation="softmax")}},
    ]},
    # Two stacked LSTMs on batch_input_shape, Dense with bias, Activation.
    "seq-lstm-lstm-dense": {"class_name": "Sequential", "keras_version": "1.2.2", "config": [
        recurrent("LSTM", "lstm_1", 12, 3, return_sequences=True, batch_input_shape=[None, None, 3], input_dtype="float32"),
        recurrent("LSTM", "lstm_2", 6, 12),
        dense("dense_1", 2, 6),
        simple("Activation", "activation_1", activation="softmax"),
    ]},
    # A Merge of two branch models (the first's Embedding frozen), a GRU, TimeDistributedDense (deprecated in 1.x).
    "seq-merge-branches": {"class_name": "Sequential", "keras_version": "1.0.6", "config": [
        {"class_name": "Merge", "config": {"name": "merge_1", "mode": "concat", "concat_axis": -1, "dot_axes": -1,
                                           "output_shape": None, "output_mask": None, "mode_type": "raw",
                                           "output_shape_type": "raw", "layers": [
                                               {"class_name": "Sequential", "config": [embedding("embedding_1", 30, 6, 5, trainable=False)]},
                                               {"class_name": "Sequential", "config": [embedding("embedding_2", 12, 2, 5)]},
                                           ]}},
        recurrent("GRU", "gru_1", 10, return_sequences=True),
        simple("TimeDistributedDense", "timedistributeddense_1", output_dim=4, bias=True, input_dim=10, input_length=5,
               init="glorot_uniform", activation="linear", W_regularizer=None, b_regularizer=None),
    ]},
    # Convolution1D (same), MaxPooling1D (pool_length 2), LSTM, BatchNormalization (mode 0), Dense without bias.
    "seq-conv-pool-lstm-bn": {"class_name": "Sequential", "keras_version": "1.2.2", "config": [
        simple("Convolution1D", "convolution1d_1", nb_filter=16, filter_length=3, border_mode="same", subsample_length=1,
               init="glorot_uniform", activation="relu", W_regularizer=None, b_regularizer=None, bias=True,
               input_dim=8, input_length=20, batch_input_shape=[None, 20, 8], input_dtype="float32"),
        simple("MaxPooling1D", "maxpooling1d_1", pool_length=2, stride=None, border_mode="valid"),
        recurrent("LSTM", "lstm_1", 10, 16),
        simple("BatchNormalization", "batchnormalization_1", epsilon=0.001, mode=0, axis=-1, momentum=0.99,
               beta_init="zero", gamma_init="one", gamma_regularizer=None, beta_regularizer=None),
        dense("dense_1", 1, 10, bias=False),
    ]},
    # Convolution2D with Theano's dim_ordering (channels first), MaxPooling2D, Flatten, Dense.
    "seq-conv2d-th": {"class_name": "Sequential", "keras_version": "1.2.2", "config": [
        simple("Convolution2D", "convolution2d_1", nb_filter=4, nb_row=3, nb_col=3, border_mode="valid", subsample=[1, 1],
               dim_ordering="th", init="glorot_uniform", activation="relu", W_regularizer=None, b_regularizer=None,
               bias=True, batch_input_shape=[None, 1, 12, 12], input_dtype="float32"),
        simple("MaxPooling2D", "maxpooling2d_1", pool_size=[2, 2], strides=None, border_mode="valid", dim_ordering="th"),
        simple("Flatten", "flatten_1"),
        dense("dense_1", 3, 100),
    ]},
    # A Keras 1 functional Model: two SimpleRNN branches merged with mode sum, a Bidirectional LSTM after a RepeatVector.
    "fn-merge-sum": {"class_name": "Model", "keras_version": "1.2.2", "config": {
        "name": "model_1",
        "layers": [
            {"class_name": "InputLayer", "name": "input_1", "config": {"batch_input_shape": [None, 7, 4], "input_dtype": "float32",
                                                                     "sparse": False, "name": "input_1"}, "inbound_nodes": []},
            {"class_name": "SimpleRNN", "name": "simplernn_1", "config": recurrent("SimpleRNN", "simplernn_1", 5)["config"],
             "inbound_nodes": [[["input_1", 0, 0]]]},
            {"class_name": "SimpleRNN", "name": "simplernn_2", "config": recurrent("SimpleRNN", "simplernn_2", 5)["config"],
             "inbound_nodes": [[["input_1", 0, 0]]]},
            {"class_name": "Merge", "name": "merge_1", "config": {"name": "merge_1", "mode": "sum", "concat_axis": -1,
                                                                 "dot_axes": -1, "output_shape": None, "output_mask": None,
                                                                 "mode_type": "raw", "output_shape_type": "raw"},
             "inbound_nodes": [[["simplernn_1", 0, 0], ["simplernn_2", 0, 0]]]},
            {"class_name": "RepeatVector", "name": "repeatvector_1", "config": {"name": "repeatvector_1", "trainable": True, "n": 3},
             "inbound_nodes": [[["merge_1", 0, 0]]]},
            {"class_name": "Bidirectional", "name": "bidirectional_1", "config": {
                "name": "bidirectional_1", "trainable": True, "merge_mode": "concat",
                "layer": recurrent("LSTM", "lstm_1", 2, return_sequences=True)},
             "inbound_nodes": [[["repeatvector_1", 0, 0]]]},
        ],
        "input_layers": [["input_1", 0, 0]],
        "output_layers": [["bidirectional_1", 0, 0]],
    }},
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for ident, model in MODELS.items():
        with open(os.path.join(OUT, ident + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(model, indent=1) + "\n")
    print(f"wrote {len(MODELS)} files to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
