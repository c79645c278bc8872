using System.Globalization;
using System.Text;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Appends a number exactly as <c>value.ToString("0.####")</c> (or <c>"0.##"</c>) in the invariant
/// culture would, without that formatter's cost for the common case. The CSV files hold tens of
/// thousands of such numbers per run, and the general formatter (15 significant digits, then
/// rounding half up at the last decimal kept) took most of the time of writing them.
/// </summary>
/// <remarks>
/// Fast path, for 0 &lt;= value &lt; 10^7: t = value x 10^d is within 10^-4 of the scaled 15-digit
/// decimal the formatter rounds (its rounding error is at most 5 x 10^-9 before scaling, the
/// product's at most 2 x 10^-5), so when t's fraction is further than 10^-3 from one half, rounding t
/// to the nearest integer gives the formatter's digits. Anything else (negative or negative zero,
/// large, near a half) goes to the formatter itself.
/// </remarks>
public static class DecimalText
{
    private static readonly double[] Scales = [1, 10, 100, 1_000, 10_000];

    /// <summary>Appends <paramref name="value"/> with at most <paramref name="decimals"/> (0 to 4) decimals, trailing zeros dropped; nothing for NaN.</summary>
    public static StringBuilder AppendRounded(this StringBuilder text, double value, int decimals)
    {
        Span<char> buffer = stackalloc char[MaxFastLength];
        return TryFormatRounded(value, decimals, buffer, out var written)
            ? text.Append(buffer[..written])
            : text.Append(Format(value, decimals));
    }

    /// <summary>The most characters the fast path writes (7 digits, a point and 4 decimals, with room to spare).</summary>
    public const int MaxFastLength = 24;

    /// <summary>
    /// Writes <paramref name="value"/> as <see cref="AppendRounded"/> does into
    /// <paramref name="destination"/> (nothing for NaN); false if it does not fit, which a
    /// destination of <see cref="MaxFastLength"/> characters avoids except for values the general
    /// formatter writes at length (<see cref="Format"/>).
    /// </summary>
    public static bool TryFormatRounded(double value, int decimals, Span<char> destination, out int written)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 4);
        if (double.IsNaN(value))
        {
            written = 0;
            return true;
        }
        if (value >= 0 && value < 1e7 && !double.IsNegative(value))
        {
            var t = value * Scales[decimals];
            var floor = Math.Floor(t);
            var fraction = t - floor;
            if (Math.Abs(fraction - 0.5) > 1e-3)
            {
                var n = (long)floor + (fraction > 0.5 ? 1 : 0);
                var scale = (long)Scales[decimals];
                var whole = n / scale;
                var part = n % scale;
                // Digits only (whole >= 0).
                if (!whole.TryFormat(destination, out written, default, CultureInfo.InvariantCulture))
                {
                    return false;
                }
                if (part != 0)
                {
                    var digits = decimals;
                    while (part % 10 == 0)
                    {
                        part /= 10;
                        digits--;
                    }
                    if (destination.Length < written + digits + 1)
                    {
                        written = 0;
                        return false;
                    }
                    destination[written] = '.';
                    for (var k = digits; k >= 1; k--)
                    {
                        destination[written + k] = (char)('0' + (int)(part % 10));
                        part /= 10;
                    }
                    written += digits + 1;
                }
                return true;
            }
        }
        return value.TryFormat(destination, out written, Formats[decimals], CultureInfo.InvariantCulture);
    }

    /// <summary>The general formatter's text of <paramref name="value"/> (the slow path, for values that do not fit a short destination).</summary>
    public static string Format(double value, int decimals) =>
        double.IsNaN(value) ? "" : value.ToString(Formats[decimals], CultureInfo.InvariantCulture);

    private static readonly string[] Formats = ["0", "0.#", "0.##", "0.###", "0.####"];
}
