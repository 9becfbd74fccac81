using System;

namespace RecurrentParams;

/// <summary>What torchinfo 1.8 shows in the layer column, its <c>row_settings</c>; combine them with <c>|</c>.</summary>
[Flags]
public enum TorchinfoRowSettings
{
    /// <summary>The class name alone (<c>row_settings=()</c>).</summary>
    None = 0,

    /// <summary><c>depth</c>: the depth and index, <c>LSTM: 1-2</c> (torchinfo's default).</summary>
    Depth = 1,

    /// <summary><c>var_names</c>: the attribute name, <c>LSTM (lstm)</c>.</summary>
    VarNames = 2,

    /// <summary><c>ascii_only</c>: <c>+ </c> and <c>|    </c> instead of the box-drawing <c>├─</c> and <c>│    </c>.</summary>
    AsciiOnly = 4,

    /// <summary><c>hide_recursive_layers</c>: no rows for modules met again.</summary>
    HideRecursiveLayers = 8,
}
