namespace RecurrentParams;

/// <summary>A column torchinfo 1.8 can show (its <c>col_names</c> values), in torchinfo's vocabulary.</summary>
public enum TorchinfoColumn
{
    /// <summary><c>input_size</c>: "Input Shape", the shape a layer receives.</summary>
    InputSize = 0,

    /// <summary><c>output_size</c>: "Output Shape", the shape of the first tensor a layer returns.</summary>
    OutputSize = 1,

    /// <summary><c>num_params</c>: "Param #", in parentheses when none of the layer's parameters is trainable.</summary>
    NumParams = 2,

    /// <summary><c>params_percent</c>: "Param %", the layer's share of the total.</summary>
    ParamsPercent = 3,

    /// <summary><c>kernel_size</c>: "Kernel Shape" (<c>--</c> for layers without a kernel size; weight shapes in verbose rows).</summary>
    KernelSize = 4,

    /// <summary><c>mult_adds</c>: "Mult-Adds", torchinfo's multiply-accumulate estimate for the whole input.</summary>
    MultAdds = 5,

    /// <summary><c>trainable</c>: "Trainable", <c>True</c>, <c>False</c>, <c>Partial</c> or <c>--</c>.</summary>
    Trainable = 6,
}
