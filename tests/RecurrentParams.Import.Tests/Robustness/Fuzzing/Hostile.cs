using System;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>The values a structure-aware mutation puts where a file holds a number, a name or a string.</summary>
internal static class Hostile
{
    /// <summary>Integers at the edges: 0, -1, 2^31, 2^32, 2^63 and their neighbours, as unsigned 64-bit patterns.</summary>
    public static readonly ulong[] Integers =
    [
        0, 1, 2, 7, 8, 255, 256, 65535, 65536, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 7, 100_000_000, 1_000_000,
    ];

    /// <summary>JSON number texts: the same edges, plus what JSON can say that an integer cannot.</summary>
    public static readonly string[] JsonNumbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", "1e308", "-1e308", "4.5", "-0", "1e-7", "100000000", "999999",
    ];

    /// <summary>Names a reader takes apart: indices far past any real model, separators, nothing.</summary>
    public static readonly string[] Names =
    [
        "", "weight_ih_l999999", "lstm.weight_ih_l999999", "lstm.weight_hh_l999999", "lstm.weight_ih_l2147483648",
        "lstm.weight_ih_l99999999999999999999999", "lstm.bias_ih_l999999_reverse", "rnn.weight_ih_l0_reverse",
        "layers/lstm/cell/vars/999999999", "lstm_1/lstm_1/lstm_cell/kernel:999999999", "gru/kernel:0", ".", "/", "a.",
        "bidirectional/forward_lstm/kernel:0", "weight_hr_l0", "weight_ih",
    ];

    /// <summary>A marker the JSON mutator writes as a string and then swaps for a raw lone-surrogate escape.</summary>
    public const string LoneSurrogateMarker = "\u0001LONE\u0001";

    public static ulong Integer(Random random) => Integers[random.Next(Integers.Length)];

    public static string Name(Random random) => random.Next(8) switch
    {
        0 => LoneSurrogateMarker,
        1 => new string('x', 1 + random.Next(9000)),
        2 => "lstm.weight_ih_l" + random.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Names[random.Next(Names.Length)],
    };

    /// <summary>Writes <paramref name="value"/> little-endian over <paramref name="width"/> bytes at <paramref name="at"/>, as far as the buffer goes.</summary>
    public static void WriteLittleEndian(byte[] bytes, int at, int width, ulong value)
    {
        for (int k = 0; k < width && at + k < bytes.Length; k++)
        {
            bytes[at + k] = unchecked((byte)(value >> (8 * k)));
        }
    }
}
