namespace RecurrentParams;

/// <summary>The text formats a <see cref="ModelSummary"/> renders to.</summary>
public enum SummaryFormat
{
    /// <summary>Keras 3's <c>model.summary()</c>: a box-drawn table and <c>Total params: 160 (640.00 B)</c>.</summary>
    Keras3 = 0,

    /// <summary>Keras 2's (and tf.keras') <c>model.summary()</c>: underscores and equals signs, <c>Total params: 160</c>.</summary>
    Keras2 = 1,

    /// <summary>torchinfo 1.8's <c>summary()</c>: <c>Layer (type:depth-idx)</c>, mult-adds and size footer.</summary>
    Torchinfo = 2,

    /// <summary>A GitHub-flavoured Markdown table, for documentation.</summary>
    Markdown = 3,

    /// <summary>JSON, for tools; the schema is in <c>docs/summary-json-schema.md</c>.</summary>
    Json = 4,

    /// <summary>PyTorch's <c>print(model)</c>: the module tree with each module's constructor arguments, <c>LSTM(5, 4, batch_first=True)</c>.</summary>
    TorchRepr = 5,
}
