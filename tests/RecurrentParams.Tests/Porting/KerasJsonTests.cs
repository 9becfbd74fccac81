using System;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>The Keras JSON writer; real Keras 3 loads what it writes (tools/oracles/porting/check_converted.py).</summary>
public sealed class KerasJsonTests
{
    [Fact]
    public void Write_StackedBidirectionalModel_IsKerasSequentialJson()
    {
        ModelSummary torch = new TorchModelBuilder("Tagger").Input(ElementType.Int64, 1, 7).Embedding(20, 6, name: "embedding")
            .Gru(5, numLayers: 2, bidirectional: true, batchFirst: true, name: "gru").Linear(3, name: "fc").Build();
        ModelSummary keras = WeightMap.ForModel(torch, WeightLayout.Keras).TargetModel!;

        string json = KerasJson.Write(keras);

        json.Should().Be(
            """
            {
              "module": "keras",
              "class_name": "Sequential",
              "config": {
                "name": "Tagger",
                "trainable": true,
                "dtype": "float32",
                "layers": [
                  {
                    "module": "keras.layers",
                    "class_name": "InputLayer",
                    "config": {
                      "name": "input_layer",
                      "batch_shape": [
                        null,
                        null
                      ],
                      "dtype": "int32"
                    },
                    "registered_name": null
                  },
                  {
                    "module": "keras.layers",
                    "class_name": "Embedding",
                    "config": {
                      "name": "embedding",
                      "input_dim": 20,
                      "output_dim": 6
                    },
                    "registered_name": null
                  },
                  {
                    "module": "keras.layers",
                    "class_name": "Bidirectional",
                    "config": {
                      "name": "gru_l0",
                      "merge_mode": "concat",
                      "layer": {
                        "module": "keras.layers",
                        "class_name": "GRU",
                        "config": {
                          "name": "gru",
                          "units": 5,
                          "activation": "tanh",
                          "recurrent_activation": "sigmoid",
                          "use_bias": true,
                          "reset_after": true,
                          "return_sequences": true
                        },
                        "registered_name": null
                      }
                    },
                    "registered_name": null
                  },
                  {
                    "module": "keras.layers",
                    "class_name": "Bidirectional",
                    "config": {
                      "name": "gru_l1",
                      "merge_mode": "concat",
                      "layer": {
                        "module": "keras.layers",
                        "class_name": "GRU",
                        "config": {
                          "name": "gru",
                          "units": 5,
                          "activation": "tanh",
                          "recurrent_activation": "sigmoid",
                          "use_bias": true,
                          "reset_after": true,
                          "return_sequences": true
                        },
                        "registered_name": null
                      }
                    },
                    "registered_name": null
                  },
                  {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {
                      "name": "fc",
                      "units": 3,
                      "activation": "linear",
                      "use_bias": true
                    },
                    "registered_name": null
                  }
                ]
              },
              "registered_name": null,
              "build_config": {
                "input_shape": [
                  null,
                  null
                ]
              }
            }
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_SimpleLayers_CarryTheirOptions()
    {
        ModelSummary model = new KerasModelBuilder("m").InputLayer(null, 3, "x").SimpleRnn(4, returnSequences: true).Dropout(0.2).Lstm(2, useBias: false).Dense(1, useBias: false).Build();

        using JsonDocument json = JsonDocument.Parse(KerasJson.Write(model));

        JsonElement layers = json.RootElement.GetProperty("config").GetProperty("layers");
        layers.GetArrayLength().Should().Be(5);
        layers[0].GetProperty("config").GetProperty("name").GetString().Should().Be("x");
        layers[0].GetProperty("config").GetProperty("batch_shape").GetRawText().Should().Be("[\n            null,\n            null,\n            3\n          ]");
        layers[1].GetProperty("config").TryGetProperty("recurrent_activation", out _).Should().BeFalse();
        layers[2].GetProperty("class_name").GetString().Should().Be("Dropout");
        layers[3].GetProperty("config").GetProperty("use_bias").GetBoolean().Should().BeFalse();
        layers[3].GetProperty("config").GetProperty("return_sequences").GetBoolean().Should().BeFalse();
        layers[4].GetProperty("config").GetProperty("use_bias").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Write_UnwritableModels_Throw()
    {
        FluentActions.Invoking(() => KerasJson.Write(null!)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => KerasJson.Write(new TorchModelBuilder("Net").Input(1, 4).Linear(2).Build())).Should().Throw<ArgumentException>()
            .WithParameterName("model").WithMessage("'model' must be a Keras model with an input; got a PyTorch model.*");
        FluentActions.Invoking(() => KerasJson.Write(new ModelSummary("m", Convention.Keras, null, [new LayerSummary("d", "Dense", [new OutputShape(null, 2)], [])])))
            .Should().Throw<ArgumentException>().WithMessage("'model' must be a Keras model with an input; got a model without an input.*");
        FluentActions.Invoking(() => KerasJson.Write(new KerasModelBuilder("m").Input(10, 3).Conv1D(2, 3).Build())).Should().Throw<ArgumentException>()
            .WithMessage("Layer 'conv1d' (Conv1D) is not one the Keras JSON writer writes*");
        FluentActions.Invoking(() => KerasJson.Write(new KerasModelBuilder("m").Input(null, 3).Bidirectional(new Recurrent(CellType.Gru, 2), MergeMode.Sum).Build()))
            .Should().Throw<ArgumentException>().WithMessage("*merge_mode=\"concat\" only.*");
    }
}
