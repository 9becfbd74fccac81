using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;

namespace RecurrentParams.Internal;

/// <summary>Python's text for numbers and tuples, as <c>repr()</c>, <c>str.format</c> and f-strings print them.</summary>
internal static class PythonText
{
    /// <summary>Python's <c>str(True)</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>Python's <c>str(n)</c> for an integer.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python's <c>str(tuple)</c>: <c>(48,)</c>, <c>(3, 4)</c>.</summary>
    public static string Tuple(IEnumerable<long> values)
    {
        string[] items = values.Select(Int).ToArray();
        return items.Length == 1 ? "(" + items[0] + ",)" : "(" + string.Join(", ", items) + ")";
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest digits that round-trip, <c>0.1</c>, <c>1e-05</c>, <c>0.0001</c>, <c>1.0</c>, <c>1e+16</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // "E16" and trimming gives the digits; "R" gives the shortest round-trip form, which we re-read for its digits.
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        string sign = shortest[0] == '-' ? "-" : string.Empty;
        string body = sign.Length == 0 ? shortest : shortest.Substring(1);
        int exponent = 0;
        int e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body.Substring(e + 1).TrimStart('+'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body.Substring(0, e);
        }

        int point = body.IndexOf('.');
        string digits = point < 0 ? body : body.Remove(point, 1);
        int integerDigits = point < 0 ? body.Length : point;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        // Decimal exponent of the first significant digit: value = 0.d1d2... × 10^(decimalPoint).
        int decimalPoint = integerDigits - leadingZeros + exponent;
        int scientific = decimalPoint - 1;
        if (scientific < -4 || scientific >= 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits.Substring(1);
            return sign + mantissa + "e" + (scientific < 0 ? "-" : "+") + Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture);
        }

        if (decimalPoint <= 0)
        {
            return sign + "0." + new string('0', -decimalPoint) + digits;
        }

        if (decimalPoint >= digits.Length)
        {
            return sign + digits + new string('0', decimalPoint - digits.Length) + ".0";
        }

        return sign + digits.Insert(decimalPoint, ".");
    }

    /// <summary>
    /// Python's <c>format(value, ",.{decimals}f")</c> (or without the comma): the exact binary value rounded half to even,
    /// as CPython rounds, with optional thousands separators.
    /// </summary>
    public static string Fixed(double value, int decimals, bool thousands = false)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return Float(value);
        }

        bool negative = value < 0 || (value == 0 && 1 / value < 0);
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = rawExponent == 0 ? fraction : fraction | (1L << 52);
        int exponent = (rawExponent == 0 ? 1 : rawExponent) - 1075;

        // value = mantissa × 2^exponent; scaled = value × 10^decimals, rounded half to even.
        BigInteger numerator = mantissa * BigInteger.Pow(10, decimals);
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        BigInteger twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        string digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        string whole = digits.Substring(0, digits.Length - decimals);
        string fractionDigits = digits.Substring(digits.Length - decimals);
        if (thousands)
        {
            var grouped = new StringBuilder();
            for (int k = 0; k < whole.Length; k++)
            {
                if (k > 0 && (whole.Length - k) % 3 == 0)
                {
                    grouped.Append(',');
                }

                grouped.Append(whole[k]);
            }

            whole = grouped.ToString();
        }

        return (negative ? "-" : string.Empty) + whole + (decimals > 0 ? "." + fractionDigits : string.Empty);
    }
}
