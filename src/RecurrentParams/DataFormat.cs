namespace RecurrentParams;

/// <summary>Keras' <c>data_format</c> of convolution, pooling and reshaping layers: where the channels axis is.</summary>
public enum DataFormat
{
    /// <summary><c>"channels_last"</c> (the default): <c>(batch, spatial..., channels)</c>.</summary>
    ChannelsLast = 0,

    /// <summary><c>"channels_first"</c>: <c>(batch, channels, spatial...)</c>, as Theano and cuDNN lay images out.</summary>
    ChannelsFirst = 1,
}
