using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class MarkdownFormatTests
{
    [Fact]
    public void Render_KerasModelWithFrozenWeights_IsTableWithTrainableColumnAndTotals()
    {
        ModelSummary summary = new KerasModelBuilder("seq-srnn-bn").Input(null, 6).SimpleRnn(16).BatchNormalization().Dense(3).Build();

        string text = summary.Render(SummaryFormat.Markdown);

        text.Should().Be("""
            Model: "seq-srnn-bn"

            | Layer (type)                             | Output Shape | Param # | Trainable |
            | :--------------------------------------- | :----------- | ------: | --------: |
            | simple_rnn (SimpleRNN)                   | (None, 16)   |     368 |       368 |
            | batch_normalization (BatchNormalization) | (None, 16)   |      64 |        32 |
            | dense (Dense)                            | (None, 3)    |      51 |        51 |

            - Total params: 483 (1.89 KB)
            - Trainable params: 451 (1.76 KB)
            - Non-trainable params: 32 (128.00 B)
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_PyTorchModel_UsesTorchinfoHeadingsAndTotals()
    {
        ModelSummary summary = new TorchModelBuilder("LSTMNet").Input(ElementType.Int64, 1, 100)
            .Add(new RecurrentParams.Torch.Embedding(20, 300))
            .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, 300, 512, numLayers: 2, batchFirst: true))
            .Add(new RecurrentParams.Torch.Linear(512, 20))
            .Build();

        string text = summary.Render(SummaryFormat.Markdown);

        text.Should().Be("""
            | Layer (type:depth-idx) | Output Shape  |   Param # |
            | :--------------------- | :------------ | --------: |
            | LSTMNet                | [1, 100, 20]  |        -- |
            | ├─Embedding: 1-1       | [1, 100, 300] |     6,000 |
            | ├─LSTM: 1-2            | [1, 100, 512] | 3,768,320 |
            | ├─Linear: 1-3          | [1, 100, 20]  |    10,260 |

            - Total params: 3,784,580
            - Trainable params: 3,784,580
            - Non-trainable params: 0
            - Total mult-adds (M): 376.85
            - Input size (MB): 0.00
            - Forward/backward pass size (MB): 0.67
            - Params size (MB): 15.14
            - Estimated Total Size (MB): 15.80
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_NameWithPipe_IsEscaped()
    {
        ModelSummary summary = new KerasModelBuilder("m").Input(null, 5).Lstm(4, name: "a|b").Build();

        string text = summary.Render(SummaryFormat.Markdown);

        text.Should().Contain(@"| a\|b (LSTM)  | (None, 4)    |");
    }
}
