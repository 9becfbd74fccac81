"""Keras 3.16 configurations of the layer families around the recurrent layers, and of frozen and nested models.

Imported by generate.py, which runs them on real Keras and writes (paths relative to the repository root):

    tests/RecurrentParams.Tests/Vectors/keras3-layer-families.jsonl        one row per single layer
    tests/RecurrentParams.Tests/Vectors/keras3-models-more.jsonl           frozen, nested and merging models
    tests/RecurrentParams.Import.Tests/Fixtures/keras3-more/<id>.json       model.to_json(indent=1, sort_keys=True)
    tests/RecurrentParams.Import.Tests/Fixtures/keras3-more/<id>.keras      model.save() of a few of them

This module only holds configurations. Every count, shape and name written comes from Keras objects.

A layer row: (id, family, layer class, config, inner or None, input, call). `input` is one batch shape, or a list of
batch shapes for a layer called on several tensors. `call` says how: "one" layer(x), "list" layer([a, b, ...]),
"args" layer(a, b, ...) (MultiHeadAttention's query, value, key). Embedding inputs are int32, all others float32.
"""

NONE = None
CF = "channels_first"


def _l(cls, **config):
    return {"layer": cls, "config": config}


def _layer_rows():
    rows = []

    def add(ident, family, cls, config, shape, inner=None, call="one"):
        rows.append((ident, family, cls, config, inner, shape, call))

    # ---- reshaping ------------------------------------------------------------------------------------------------
    add("reshape-3x4-from-12", "reshaping", "Reshape", {"target_shape": (3, 4)}, [NONE, 12])
    add("reshape-minus1-x4", "reshaping", "Reshape", {"target_shape": (-1, 4)}, [NONE, 6, 2])
    add("reshape-minus1-unknown-time", "reshaping", "Reshape", {"target_shape": (-1, 5)}, [NONE, NONE, 10])
    add("reshape-12-from-2d", "reshaping", "Reshape", {"target_shape": (12,)}, [NONE, 3, 4])
    add("reshape-4d-to-seq", "reshaping", "Reshape", {"target_shape": (7, 24)}, [NONE, 7, 4, 6])
    add("permute-21", "reshaping", "Permute", {"dims": (2, 1)}, [NONE, 3, 5])
    add("permute-312", "reshaping", "Permute", {"dims": (3, 1, 2)}, [NONE, 4, 5, 6])
    add("permute-unknown", "reshaping", "Permute", {"dims": (2, 1)}, [NONE, NONE, 5])
    add("flatten-4d", "reshaping", "Flatten", {}, [NONE, 4, 5, 6])
    add("flatten-cf-4d", "reshaping", "Flatten", {"data_format": CF}, [NONE, 4, 5, 6])
    add("flatten-2d", "reshaping", "Flatten", {}, [NONE, 7])
    add("flatten-unknown", "reshaping", "Flatten", {}, [NONE, NONE, 7])
    add("repeatvector-3", "reshaping", "RepeatVector", {"n": 3}, [NONE, 5])
    add("masking-0", "reshaping", "Masking", {"mask_value": 0.0}, [NONE, NONE, 5])
    add("cropping1d-default", "reshaping", "Cropping1D", {}, [NONE, 10, 3])
    add("cropping1d-2-3", "reshaping", "Cropping1D", {"cropping": (2, 3)}, [NONE, 10, 3])
    add("cropping1d-int", "reshaping", "Cropping1D", {"cropping": 2}, [NONE, NONE, 3])
    add("cropping2d-pairs", "reshaping", "Cropping2D", {"cropping": ((1, 2), (3, 4))}, [NONE, 10, 12, 3])
    add("cropping2d-sym", "reshaping", "Cropping2D", {"cropping": (1, 2)}, [NONE, 10, 12, 3])
    add("cropping2d-cf", "reshaping", "Cropping2D", {"cropping": ((1, 0), (0, 2)), "data_format": CF}, [NONE, 3, 10, 12])
    add("zeropadding1d-default", "reshaping", "ZeroPadding1D", {}, [NONE, 10, 3])
    add("zeropadding1d-1-3", "reshaping", "ZeroPadding1D", {"padding": (1, 3)}, [NONE, 10, 3])
    add("zeropadding1d-unknown", "reshaping", "ZeroPadding1D", {"padding": 2}, [NONE, NONE, 3])
    add("zeropadding2d-pairs", "reshaping", "ZeroPadding2D", {"padding": ((1, 2), (3, 4))}, [NONE, 10, 12, 3])
    add("zeropadding2d-int", "reshaping", "ZeroPadding2D", {"padding": 2}, [NONE, 10, 12, 3])
    add("zeropadding2d-cf", "reshaping", "ZeroPadding2D", {"padding": (1, 2), "data_format": CF}, [NONE, 3, 10, 12])
    add("upsampling1d-default", "reshaping", "UpSampling1D", {}, [NONE, 10, 3])
    add("upsampling1d-3", "reshaping", "UpSampling1D", {"size": 3}, [NONE, NONE, 3])
    add("upsampling2d-2-3", "reshaping", "UpSampling2D", {"size": (2, 3)}, [NONE, 10, 12, 3])
    add("upsampling2d-cf-bilinear", "reshaping", "UpSampling2D", {"size": 2, "data_format": CF, "interpolation": "bilinear"},
        [NONE, 3, 10, 12])

    # ---- convolution -----------------------------------------------------------------------------------------------
    add("conv1d-f8-k3-dil2", "convolution", "Conv1D", {"filters": 8, "kernel_size": 3, "dilation_rate": 2}, [NONE, 20, 4])
    add("conv1d-f8-k3-groups2", "convolution", "Conv1D", {"filters": 8, "kernel_size": 3, "groups": 2}, [NONE, 20, 4])
    add("conv1d-f6-k5-s2-same", "convolution", "Conv1D", {"filters": 6, "kernel_size": 5, "strides": 2, "padding": "same"},
        [NONE, 21, 3])
    add("conv1d-cf", "convolution", "Conv1D", {"filters": 6, "kernel_size": 3, "data_format": CF}, [NONE, 4, 20])
    add("conv1d-nobias-unknown", "convolution", "Conv1D", {"filters": 6, "kernel_size": 3, "use_bias": False},
        [NONE, NONE, 4])
    add("conv2d-f8-k3", "convolution", "Conv2D", {"filters": 8, "kernel_size": 3}, [NONE, 28, 28, 3])
    add("conv2d-f8-k3x5-s2x1-same", "convolution", "Conv2D",
        {"filters": 8, "kernel_size": (3, 5), "strides": (2, 1), "padding": "same"}, [NONE, 27, 28, 3])
    add("conv2d-dil2", "convolution", "Conv2D", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, [NONE, 20, 20, 2])
    add("conv2d-groups4", "convolution", "Conv2D", {"filters": 8, "kernel_size": 3, "groups": 4, "use_bias": False},
        [NONE, 16, 16, 4])
    add("conv2d-cf", "convolution", "Conv2D", {"filters": 5, "kernel_size": 3, "data_format": CF}, [NONE, 3, 16, 17])
    add("conv2d-unknown-spatial", "convolution", "Conv2D", {"filters": 5, "kernel_size": 3}, [NONE, NONE, NONE, 3])
    add("conv3d-f4-k3", "convolution", "Conv3D", {"filters": 4, "kernel_size": 3}, [NONE, 8, 10, 12, 2])
    add("conv3d-k2x3x1-s2-same", "convolution", "Conv3D",
        {"filters": 4, "kernel_size": (2, 3, 1), "strides": 2, "padding": "same"}, [NONE, 9, 10, 11, 2])
    add("conv3d-cf-groups2", "convolution", "Conv3D", {"filters": 4, "kernel_size": 3, "groups": 2, "data_format": CF},
        [NONE, 4, 8, 8, 8])
    add("conv1dtranspose-k3-s2", "convolution", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2},
        [NONE, 10, 3])
    add("conv1dtranspose-k3-s2-same", "convolution", "Conv1DTranspose",
        {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, [NONE, 10, 3])
    add("conv1dtranspose-outpad1", "convolution", "Conv1DTranspose",
        {"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": 1}, [NONE, 10, 3])
    add("conv1dtranspose-same-outpad1", "convolution", "Conv1DTranspose",
        {"filters": 4, "kernel_size": 4, "strides": 2, "padding": "same", "output_padding": 1}, [NONE, 10, 3])
    add("conv1dtranspose-dil2-cf", "convolution", "Conv1DTranspose",
        {"filters": 4, "kernel_size": 3, "dilation_rate": 2, "data_format": CF, "use_bias": False}, [NONE, 3, 10])
    add("conv1dtranspose-k2-s3", "convolution", "Conv1DTranspose", {"filters": 2, "kernel_size": 2, "strides": 3},
        [NONE, NONE, 3])
    add("conv2dtranspose-k3-s2", "convolution", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2},
        [NONE, 7, 8, 3])
    add("conv2dtranspose-k3x2-s2x1-same", "convolution", "Conv2DTranspose",
        {"filters": 4, "kernel_size": (3, 2), "strides": (2, 1), "padding": "same"}, [NONE, 7, 8, 3])
    add("conv2dtranspose-outpad", "convolution", "Conv2DTranspose",
        {"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": (1, 0)}, [NONE, 7, 8, 3])
    add("conv2dtranspose-cf", "convolution", "Conv2DTranspose",
        {"filters": 4, "kernel_size": 3, "data_format": CF}, [NONE, 3, 7, 8])
    add("conv3dtranspose-k2-s2", "convolution", "Conv3DTranspose", {"filters": 3, "kernel_size": 2, "strides": 2},
        [NONE, 4, 5, 6, 2])
    add("separableconv1d-k3", "convolution", "SeparableConv1D", {"filters": 8, "kernel_size": 3}, [NONE, 20, 4])
    add("separableconv1d-dm2-s2-same", "convolution", "SeparableConv1D",
        {"filters": 8, "kernel_size": 3, "depth_multiplier": 2, "strides": 2, "padding": "same"}, [NONE, 21, 4])
    add("separableconv1d-cf-nobias", "convolution", "SeparableConv1D",
        {"filters": 5, "kernel_size": 3, "data_format": CF, "use_bias": False, "dilation_rate": 2}, [NONE, 4, 20])
    add("separableconv2d-k3", "convolution", "SeparableConv2D", {"filters": 8, "kernel_size": 3}, [NONE, 16, 16, 3])
    add("separableconv2d-dm3-k3x1", "convolution", "SeparableConv2D",
        {"filters": 6, "kernel_size": (3, 1), "depth_multiplier": 3, "padding": "same"}, [NONE, 16, 15, 2])
    add("separableconv2d-cf", "convolution", "SeparableConv2D", {"filters": 4, "kernel_size": 3, "data_format": CF},
        [NONE, 3, 12, 12])
    add("depthwiseconv1d-k3", "convolution", "DepthwiseConv1D", {"kernel_size": 3}, [NONE, 20, 4])
    add("depthwiseconv1d-dm2-same-nobias", "convolution", "DepthwiseConv1D",
        {"kernel_size": 5, "depth_multiplier": 2, "padding": "same", "use_bias": False, "strides": 2}, [NONE, 20, 4])
    add("depthwiseconv1d-cf", "convolution", "DepthwiseConv1D", {"kernel_size": 3, "data_format": CF}, [NONE, 4, 20])
    add("depthwiseconv2d-k3", "convolution", "DepthwiseConv2D", {"kernel_size": 3}, [NONE, 16, 16, 3])
    add("depthwiseconv2d-dm2-dil2", "convolution", "DepthwiseConv2D",
        {"kernel_size": (3, 2), "depth_multiplier": 2, "dilation_rate": 2}, [NONE, 16, 16, 3])
    add("depthwiseconv2d-cf-s2", "convolution", "DepthwiseConv2D",
        {"kernel_size": 3, "strides": 2, "data_format": CF, "padding": "same"}, [NONE, 3, 15, 16])

    # ---- pooling ---------------------------------------------------------------------------------------------------
    for kind in ("Max", "Average"):
        k = kind.lower()
        add(f"{k}pooling1d-2", "pooling", f"{kind}Pooling1D", {"pool_size": 2}, [NONE, 11, 3])
        add(f"{k}pooling1d-3-s1-same", "pooling", f"{kind}Pooling1D", {"pool_size": 3, "strides": 1, "padding": "same"},
            [NONE, 11, 3])
        add(f"{k}pooling1d-cf", "pooling", f"{kind}Pooling1D", {"pool_size": 2, "data_format": CF}, [NONE, 3, 11])
        add(f"{k}pooling2d-2", "pooling", f"{kind}Pooling2D", {"pool_size": 2}, [NONE, 11, 12, 3])
        add(f"{k}pooling2d-3x2-s1-same", "pooling", f"{kind}Pooling2D",
            {"pool_size": (3, 2), "strides": 1, "padding": "same"}, [NONE, 11, 12, 3])
        add(f"{k}pooling2d-cf-unknown", "pooling", f"{kind}Pooling2D", {"pool_size": 2, "data_format": CF}, [NONE, 3, NONE, 12])
        add(f"{k}pooling3d-2", "pooling", f"{kind}Pooling3D", {"pool_size": 2}, [NONE, 6, 7, 8, 2])
        add(f"{k}pooling3d-3-s2-same", "pooling", f"{kind}Pooling3D", {"pool_size": 3, "strides": 2, "padding": "same"},
            [NONE, 6, 7, 8, 2])
        for rank, shape, cf_shape in ((1, [NONE, 11, 3], [NONE, 3, 11]), (2, [NONE, 11, 12, 3], [NONE, 3, 11, 12]),
                                      (3, [NONE, 5, 6, 7, 2], [NONE, 2, 5, 6, 7])):
            add(f"global{k}pooling{rank}d", "pooling", f"Global{kind}Pooling{rank}D", {}, shape)
            add(f"global{k}pooling{rank}d-keepdims", "pooling", f"Global{kind}Pooling{rank}D", {"keepdims": True}, shape)
            add(f"global{k}pooling{rank}d-cf-keepdims", "pooling", f"Global{kind}Pooling{rank}D",
                {"data_format": CF, "keepdims": True}, cf_shape)
            add(f"global{k}pooling{rank}d-cf", "pooling", f"Global{kind}Pooling{rank}D", {"data_format": CF}, cf_shape)

    # ---- merging ---------------------------------------------------------------------------------------------------
    add("concatenate-last", "merging", "Concatenate", {}, [[NONE, 4], [NONE, 6]], call="list")
    add("concatenate-axis1", "merging", "Concatenate", {"axis": 1}, [[NONE, 3, 5], [NONE, 4, 5], [NONE, 2, 5]], call="list")
    add("concatenate-unknown-time", "merging", "Concatenate", {"axis": -1}, [[NONE, NONE, 5], [NONE, 7, 3]], call="list")
    for cls in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
        n = 2 if cls == "Subtract" else 3
        add(f"{cls.lower()}-{n}", "merging", cls, {}, [[NONE, 7, 5]] * n, call="list")
    add("add-broadcast-unknown", "merging", "Add", {}, [[NONE, NONE, 5], [NONE, 7, 5]], call="list")
    add("dot-axes1", "merging", "Dot", {"axes": 1}, [[NONE, 5], [NONE, 5]], call="list")
    add("dot-axes2-seq", "merging", "Dot", {"axes": (2, 2)}, [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("dot-axes-2-1-normalize", "merging", "Dot", {"axes": (2, 1), "normalize": True}, [[NONE, 7, 5], [NONE, 5, 3]],
        call="list")
    add("dot-axes-minus1", "merging", "Dot", {"axes": -1}, [[NONE, 4, 6], [NONE, 3, 6]], call="list")

    # ---- attention -------------------------------------------------------------------------------------------------
    add("attention-default", "attention", "Attention", {}, [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("attention-scale", "attention", "Attention", {"use_scale": True}, [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("attention-concat", "attention", "Attention", {"score_mode": "concat"}, [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("attention-scale-concat-key", "attention", "Attention", {"use_scale": True, "score_mode": "concat"},
        [[NONE, 7, 5], [NONE, 9, 6], [NONE, 9, 5]], call="list")
    add("additiveattention-default", "attention", "AdditiveAttention", {}, [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("additiveattention-noscale", "attention", "AdditiveAttention", {"use_scale": False},
        [[NONE, 7, 5], [NONE, 9, 5]], call="list")
    add("additiveattention-key", "attention", "AdditiveAttention", {}, [[NONE, 7, 4], [NONE, 9, 6], [NONE, 9, 4]],
        call="list")
    add("mha-h2-k4-self", "attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4}, [[NONE, 10, 8], [NONE, 10, 8]],
        call="args")
    add("mha-h3-k5-v6-cross", "attention", "MultiHeadAttention", {"num_heads": 3, "key_dim": 5, "value_dim": 6},
        [[NONE, 10, 8], [NONE, 12, 7]], call="args")
    add("mha-key-nobias", "attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "use_bias": False},
        [[NONE, 10, 8], [NONE, 12, 7], [NONE, 12, 9]], call="args")
    add("mha-output-shape", "attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "output_shape": 11},
        [[NONE, 10, 8], [NONE, 10, 8]], call="args")
    add("mha-output-shape-2d", "attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "output_shape": (3, 5)},
        [[NONE, 10, 8], [NONE, 10, 8]], call="args")
    add("mha-attention-axes", "attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2)},
        [[NONE, 5, 6, 8], [NONE, 5, 6, 8]], call="args")

    # ---- activations and noise -------------------------------------------------------------------------------------
    add("activation-relu", "activations", "Activation", {"activation": "relu"}, [NONE, NONE, 5])
    add("relu", "activations", "ReLU", {}, [NONE, 5])
    add("leakyrelu", "activations", "LeakyReLU", {"negative_slope": 0.2}, [NONE, 7, 5])
    add("elu", "activations", "ELU", {}, [NONE, 5])
    add("softmax", "activations", "Softmax", {}, [NONE, 7, 5])
    add("prelu-default", "activations", "PReLU", {}, [NONE, 7, 5])
    add("prelu-shared1", "activations", "PReLU", {"shared_axes": [1]}, [NONE, 7, 5])
    add("prelu-shared12-4d", "activations", "PReLU", {"shared_axes": [1, 2]}, [NONE, 6, 7, 3])
    add("prelu-2d", "activations", "PReLU", {}, [NONE, 9])
    add("gaussiannoise", "noise", "GaussianNoise", {"stddev": 0.1}, [NONE, 7, 5])
    add("gaussiandropout", "noise", "GaussianDropout", {"rate": 0.2}, [NONE, 7, 5])
    add("alphadropout", "noise", "AlphaDropout", {"rate": 0.2}, [NONE, 5])
    add("spatialdropout1d", "noise", "SpatialDropout1D", {"rate": 0.3}, [NONE, 7, 5])
    add("spatialdropout2d", "noise", "SpatialDropout2D", {"rate": 0.3}, [NONE, 6, 7, 5])
    add("spatialdropout2d-cf", "noise", "SpatialDropout2D", {"rate": 0.3, "data_format": CF}, [NONE, 5, 6, 7])
    add("activityregularization", "noise", "ActivityRegularization", {"l1": 0.01}, [NONE, 5])
    add("dropout-4d", "noise", "Dropout", {"rate": 0.5}, [NONE, 6, 7, 5])

    # ---- normalization ---------------------------------------------------------------------------------------------
    add("batchnorm-axis1-4d", "normalization", "BatchNormalization", {"axis": 1}, [NONE, 3, 8, 8])
    add("batchnorm-4d", "normalization", "BatchNormalization", {}, [NONE, 8, 8, 3])
    add("layernorm-axes12", "normalization", "LayerNormalization", {"axis": [-2, -1]}, [NONE, 7, 5])
    add("layernorm-rms", "normalization", "LayerNormalization", {"rms_scaling": True}, [NONE, 7, 5])
    add("groupnorm-4", "normalization", "GroupNormalization", {"groups": 4}, [NONE, 7, 8])
    add("groupnorm-2-noscale", "normalization", "GroupNormalization", {"groups": 2, "scale": False}, [NONE, 6, 6, 4])
    add("groupnorm-axis1", "normalization", "GroupNormalization", {"groups": 3, "axis": 1}, [NONE, 6, 5, 5])
    add("unitnorm", "normalization", "UnitNormalization", {}, [NONE, 7, 5])
    add("unitnorm-axes", "normalization", "UnitNormalization", {"axis": [1, 2]}, [NONE, 7, 5])
    add("normalization-last", "normalization", "Normalization", {}, [NONE, 5])
    add("normalization-seq", "normalization", "Normalization", {"axis": -1}, [NONE, 7, 5])
    add("normalization-axes12", "normalization", "Normalization", {"axis": (1, 2)}, [NONE, 4, 5])
    add("normalization-axis-none", "normalization", "Normalization", {"axis": None}, [NONE, 4, 5])
    add("normalization-given", "normalization", "Normalization", {"mean": 2.0, "variance": 4.0}, [NONE, 5])

    # ---- embedding, wrappers, recurrent ---------------------------------------------------------------------------
    add("embedding-v20-d3", "embedding", "Embedding", {"input_dim": 20, "output_dim": 3}, [NONE, 9])
    add("timedistributed-conv2d", "wrappers", "TimeDistributed", {}, [NONE, 5, 12, 12, 3],
        inner=_l("Conv2D", filters=4, kernel_size=3))
    add("timedistributed-maxpool2d", "wrappers", "TimeDistributed", {}, [NONE, 5, 12, 12, 3], inner=_l("MaxPooling2D"))
    add("timedistributed-flatten", "wrappers", "TimeDistributed", {}, [NONE, 5, 4, 3], inner=_l("Flatten"))
    add("convlstm1d-f4-k3", "recurrent", "ConvLSTM1D", {"filters": 4, "kernel_size": 3}, [NONE, 6, 10, 2])
    add("convlstm1d-seq-same-nobias", "recurrent", "ConvLSTM1D",
        {"filters": 4, "kernel_size": 3, "padding": "same", "return_sequences": True, "use_bias": False}, [NONE, 6, 10, 2])
    add("convlstm1d-state", "recurrent", "ConvLSTM1D", {"filters": 3, "kernel_size": 2, "return_state": True},
        [NONE, 6, 10, 2])
    add("convlstm2d-dil2-s1", "recurrent", "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2},
        [NONE, 4, 12, 12, 3])
    add("convlstm2d-cf-seq", "recurrent", "ConvLSTM2D",
        {"filters": 2, "kernel_size": 3, "data_format": CF, "return_sequences": True}, [NONE, 4, 3, 10, 11])
    add("convlstm2d-state-s2", "recurrent", "ConvLSTM2D",
        {"filters": 3, "kernel_size": (3, 2), "strides": 2, "return_state": True}, [NONE, 4, 11, 12, 2])
    add("convlstm3d-f2-k3", "recurrent", "ConvLSTM3D", {"filters": 2, "kernel_size": 3}, [NONE, 3, 6, 7, 8, 2])
    add("convlstm3d-seq-same", "recurrent", "ConvLSTM3D",
        {"filters": 2, "kernel_size": 2, "padding": "same", "return_sequences": True}, [NONE, 3, 6, 7, 8, 2])
    return rows


LAYERS = _layer_rows()

# RNN over cells: (id, cells [(class, config)], layer config, input shape).
RNN_LAYERS = [
    ("rnn-lstmcell", [("LSTMCell", {"units": 4})], {}, [NONE, NONE, 5]),
    ("rnn-stacked-lstm-gru", [("LSTMCell", {"units": 8}), ("GRUCell", {"units": 4})], {"return_sequences": True},
     [NONE, 7, 5]),
    ("rnn-stacked-srnn-lstm-state", [("SimpleRNNCell", {"units": 3, "use_bias": False}), ("LSTMCell", {"units": 6})],
     {"return_state": True}, [NONE, NONE, 2]),
    ("rnn-stacked-gru0-gru1", [("GRUCell", {"units": 5, "reset_after": False}), ("GRUCell", {"units": 2})], {},
     [NONE, 9, 4]),
]


# ---- models ----------------------------------------------------------------------------------------------------------
# Each model: (id, build(keras) -> keras.Model, saves). saves: ".keras" writes Fixtures/keras3-more/<id>.keras.
def _frozen_lstm_dense(keras):
    L = keras.layers
    m = keras.Sequential([keras.Input((None, 5)), L.LSTM(4, name="encoder"), L.Dense(2, name="head")], name="frozen_lstm")
    m.get_layer("encoder").trainable = False
    return m


def _frozen_embedding(keras):
    L = keras.layers
    x = keras.Input((None,), dtype="int32", name="tokens")
    e = L.Embedding(50, 8, name="embedding")
    e.trainable = False
    y = L.Dense(1)(L.GRU(6)(e(x)))
    return keras.Model(x, y, name="frozen_embedding")


def _frozen_bidirectional(keras):
    L = keras.layers
    x = keras.Input((None, 5), name="inputs")
    b = L.Bidirectional(L.LSTM(4, return_sequences=True), name="frozen_bi")
    b.trainable = False
    y = L.Bidirectional(L.GRU(3), name="trainable_bi")(b(x))
    return keras.Model(x, y, name="frozen_bidirectional")


def _frozen_wrapper_kwarg(keras):
    # trainable=False passed to the wrappers' constructors (not the setter): Keras 3 keeps the wrapped layers' weights
    # trainable at the model level and prints the wrapper as not trainable.
    L = keras.layers
    x = keras.Input((6, 5), name="inputs")
    y = L.Bidirectional(L.LSTM(4, return_sequences=True), trainable=False, name="bi")(x)
    y = L.TimeDistributed(L.Dense(3), trainable=False, name="td")(y)
    y = L.TimeDistributed(L.Dense(2, trainable=False), name="td_inner_frozen")(y)
    return keras.Model(x, y, name="frozen_wrapper_kwarg")


def _frozen_batchnorm(keras):
    L = keras.layers
    bn = L.BatchNormalization(name="bn")
    m = keras.Sequential([keras.Input((None, 6)), L.GRU(5, return_sequences=True), bn, L.LSTM(3)], name="frozen_bn")
    bn.trainable = False
    return m


def _nested_sequential(keras):
    L = keras.layers
    encoder = keras.Sequential([keras.Input((None, 5)), L.LSTM(8, return_sequences=True), L.LSTM(4)], name="encoder")
    x = keras.Input((None, 5), name="inputs")
    y = L.Dense(2, name="head")(encoder(x))
    return keras.Model(x, y, name="nested_sequential")


def _nested_frozen(keras):
    L = keras.layers
    encoder = keras.Sequential([keras.Input((None, 5)), L.LSTM(8, return_sequences=True), L.BatchNormalization(),
                                L.LSTM(4)], name="encoder")
    encoder.trainable = False
    x = keras.Input((None, 5), name="inputs")
    y = L.Dense(2, name="head")(encoder(x))
    return keras.Model(x, y, name="nested_frozen")


def _nested_functional_in_sequential(keras):
    L = keras.layers
    a = keras.Input((None, 6), name="block_in")
    left = L.GRU(4, name="left")(a)
    right = L.SimpleRNN(3, name="right")(a)
    block = keras.Model(a, L.Concatenate(name="join")([left, right]), name="block")
    block.get_layer("left").trainable = False
    return keras.Sequential([keras.Input((None, 6)), block, L.Dense(2)], name="nested_functional")


def _nested_two_levels(keras):
    L = keras.layers
    inner = keras.Sequential([keras.Input((8,)), L.Dense(4), L.Dense(3)], name="inner")
    middle = keras.Sequential([keras.Input((None, 5)), L.LSTM(8), inner], name="middle")
    x = keras.Input((None, 5), name="inputs")
    return keras.Model(x, L.Dense(1)(middle(x)), name="nested_two_levels")


def _shared_layers(keras):
    L = keras.layers
    a = keras.Input((None, 5), name="a")
    b = keras.Input((None, 5), name="b")
    shared = L.LSTM(6, name="shared_lstm")
    joined = L.Concatenate(name="join")([shared(a), shared(b)])
    return keras.Model([a, b], L.Dense(1, name="out")(joined), name="shared_layers")


def _conv_lstm_classifier(keras):
    L = keras.layers
    x = keras.Input((32, 32, 1), name="image")
    y = L.Conv2D(8, 3, padding="same", name="conv_a")(x)
    y = L.BatchNormalization(name="bn_a")(y)
    y = L.MaxPooling2D(name="pool_a")(y)
    y = L.SeparableConv2D(16, 3, name="sep")(y)
    y = L.DepthwiseConv2D(3, depth_multiplier=2, name="depthwise")(y)
    y = L.Reshape((12, 12 * 32), name="to_seq")(y)
    y = L.Bidirectional(L.LSTM(12, return_sequences=True), name="bi")(y)
    y = L.GlobalMaxPooling1D(name="gmp")(y)
    return keras.Model(x, L.Dense(4, activation="softmax", name="out")(y), name="conv_lstm_classifier")


def _attention_seq2seq(keras):
    L = keras.layers
    enc_in = keras.Input((12,), dtype="int32", name="enc_tokens")
    dec_in = keras.Input((9,), dtype="int32", name="dec_tokens")
    emb = L.Embedding(60, 16, name="shared_embedding")
    enc, h, c = L.LSTM(16, return_sequences=True, return_state=True, name="encoder")(emb(enc_in))
    dec = L.LSTM(16, return_sequences=True, name="decoder")(emb(dec_in), initial_state=[h, c])
    att = L.Attention(use_scale=True, name="attention")([dec, enc])
    add = L.AdditiveAttention(name="additive")([dec, enc])
    mha = L.MultiHeadAttention(num_heads=2, key_dim=8, name="mha")(dec, enc)
    y = L.Concatenate(name="concat")([dec, att, add, mha])
    y = L.LayerNormalization(name="ln")(y)
    return keras.Model([enc_in, dec_in], L.TimeDistributed(L.Dense(60), name="vocab")(y), name="attention_seq2seq")


def _merges(keras):
    L = keras.layers
    x = keras.Input((10, 4), name="x")
    a = L.GRU(6, return_sequences=True, name="a")(x)
    b = L.Conv1D(6, 3, padding="same", name="b")(x)
    s = L.Add(name="add")([a, b])
    d = L.Subtract(name="sub")([a, b])
    m = L.Multiply(name="mul")([s, d])
    v = L.Average(name="avg")([s, d, m])
    mx = L.Maximum(name="max")([s, v])
    mn = L.Minimum(name="min")([d, v])
    dot = L.Dot(axes=(2, 2), name="dot")([mx, mn])
    y = L.Flatten(name="flat")(dot)
    return keras.Model(x, L.Dense(3, name="out")(y), name="merges")


def _lambda_and_custom_shapes(keras):
    L = keras.layers
    x = keras.Input((7, 4), name="x")
    y = L.LSTM(5, return_sequences=True, name="lstm")(x)
    y = L.Lambda(lambda t: t * 2.0, output_shape=(7, 5), name="double")(y)
    y = L.Permute((2, 1), name="swap")(y)
    y = L.Masking(name="mask")(y)
    y = L.Cropping1D((1, 2), name="crop")(y)
    y = L.ZeroPadding1D(3, name="pad")(y)
    y = L.UpSampling1D(2, name="up")(y)
    y = L.PReLU(shared_axes=[1], name="prelu")(y)
    y = L.GlobalAveragePooling1D(keepdims=True, name="gap")(y)
    return keras.Model(x, L.Dense(2, name="out")(y), name="lambda_and_shapes")


MODELS = [
    ("frozen-lstm-dense", _frozen_lstm_dense, (".keras",)),
    ("frozen-embedding", _frozen_embedding, ()),
    ("frozen-bidirectional", _frozen_bidirectional, ()),
    ("frozen-wrapper-kwarg", _frozen_wrapper_kwarg, ()),
    ("frozen-batchnorm", _frozen_batchnorm, ()),
    ("nested-sequential", _nested_sequential, (".keras",)),
    ("nested-frozen", _nested_frozen, ()),
    ("nested-functional-in-sequential", _nested_functional_in_sequential, ()),
    ("nested-two-levels", _nested_two_levels, ()),
    ("shared-layers", _shared_layers, ()),
    ("conv-lstm-classifier", _conv_lstm_classifier, ()),
    ("attention-seq2seq", _attention_seq2seq, ()),
    ("merges", _merges, ()),
    ("lambda-and-shapes", _lambda_and_custom_shapes, ()),
]


# ---- custom layers -----------------------------------------------------------------------------------------------
# Two layers of a user's own, as the wild corpus has them (an attention pooling with weights, a scaling without):
# the library does not know them, so it counts them from the weights a .keras file stores, or lists them as unknown.
CUSTOM_OBJECTS = {}


def register(keras):
    """Defines and registers the custom layers (once), so that Keras can serialize and reload them."""
    if CUSTOM_OBJECTS:
        return

    @keras.saving.register_keras_serializable(package="oracle")
    class AttentionPooling(keras.layers.Layer):
        """Scores each time step with a (features, 1) kernel and a per-step bias, and sums the weighted steps."""

        def build(self, input_shape):
            self.w = self.add_weight(name="att_weight", shape=(input_shape[-1], 1))
            self.b = self.add_weight(name="att_bias", shape=(input_shape[1], 1), initializer="zeros")

        def call(self, x):
            e = keras.ops.tanh(keras.ops.matmul(x, self.w) + self.b)
            a = keras.ops.softmax(e, axis=1)
            return keras.ops.sum(x * a, axis=1)

        def compute_output_shape(self, input_shape):
            return (input_shape[0], input_shape[-1])

    @keras.saving.register_keras_serializable(package="oracle")
    class Scale(keras.layers.Layer):
        """Multiplies by a constant: no weights."""

        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    CUSTOM_OBJECTS.update({"AttentionPooling": AttentionPooling, "Scale": Scale})


def _custom_with_weights(keras):
    L = keras.layers
    x = keras.Input((10, 6), name="x")
    y = L.LSTM(8, return_sequences=True, name="lstm")(x)
    y = CUSTOM_OBJECTS["AttentionPooling"](name="attention_pooling")(y)
    return keras.Model(x, L.Dense(3, name="out")(y), name="custom_with_weights")


def _custom_without_weights(keras):
    L = keras.layers
    return keras.Sequential([keras.Input((None, 4)), L.GRU(5, return_sequences=True, name="gru"),
                             CUSTOM_OBJECTS["Scale"](name="scale"), L.LSTM(3, name="lstm"), L.Dense(2, name="out")],
                            name="custom_without_weights")


MODELS += [
    ("custom-with-weights", _custom_with_weights, (".keras",)),
    ("custom-without-weights", _custom_without_weights, (".keras",)),
]
