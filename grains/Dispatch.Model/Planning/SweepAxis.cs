using System.Globalization;
using System.Text.RegularExpressions;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Model.Planning;

/// <summary>
/// One varied dimension of a sweep, written <c>PATH=v1,v2,...</c> or <c>PATH=FROM..TO:STEP</c>
/// (<c>units[id=car-baisha].count=0..24:4</c> is 0, 4, ..., 24; the step defaults to 1). Each value
/// is set as by <c>--set PATH=VALUE</c> (JSON when it reads as JSON, else text).
/// </summary>
public sealed partial record SweepAxis(OverlayPath Path, IReadOnlyList<string> Values)
{
    /// <summary>Most values of one axis (and points of a sweep).</summary>
    public const int MaxValues = 200;

    /// <summary>The axis of <paramref name="text"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static SweepAxis? TryParse(string text, out string error)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        // A selector holds '=' too: the assignment's '=' is the first one after the last ']'.
        var lastBracket = text.LastIndexOf(']');
        if (lastBracket >= 0)
        {
            equals = text.IndexOf('=', lastBracket);
        }
        if (equals <= 0 || equals == text.Length - 1)
        {
            error = $"'{text}': expected PATH=v1,v2,... or PATH=FROM..TO:STEP, such as units[id=car-baisha].count=4..12:2";
            return null;
        }
        var path = OverlayPath.TryParse(text[..equals], out error);
        if (path is null)
        {
            error = $"'{text}': {error}";
            return null;
        }
        var values = ParseValues(text[(equals + 1)..], out error);
        if (values is null)
        {
            error = $"'{text}': {error}";
            return null;
        }
        return new SweepAxis(path, values);
    }

    /// <summary>The number of a value (null when it is not a number).</summary>
    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null;

    /// <summary>True when every value is a number (the charts then put them on a numeric axis).</summary>
    public bool IsNumeric => Values.All(v => Number(v) is not null);

    private static List<string>? ParseValues(string text, out string error)
    {
        error = "";
        var range = RangePattern().Match(text);
        if (range.Success)
        {
            var from = double.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture);
            var to = double.Parse(range.Groups["to"].Value, CultureInfo.InvariantCulture);
            var step = range.Groups["step"].Success ? double.Parse(range.Groups["step"].Value, CultureInfo.InvariantCulture) : 1;
            if (!(step > 0) || to < from)
            {
                error = "a range FROM..TO:STEP needs FROM <= TO and a positive STEP";
                return null;
            }
            if ((to - from) / step >= MaxValues)
            {
                error = $"the range has more than {MaxValues} values";
                return null;
            }
            var list = new List<string>();
            for (var k = 0; from + k * step <= to + 1e-9 * Math.Max(1, Math.Abs(to)); k++)
            {
                list.Add((from + k * step).ToString("0.##########", CultureInfo.InvariantCulture));
            }
            return list;
        }
        var values = text.Split(',').Select(v => v.Trim()).ToList();
        if (values.Any(v => v.Length == 0))
        {
            error = "an empty value in the list";
            return null;
        }
        if (values.Count > MaxValues)
        {
            error = $"more than {MaxValues} values";
            return null;
        }
        if (values.Distinct().Count() != values.Count)
        {
            error = "a value is listed twice";
            return null;
        }
        return values;
    }

    [GeneratedRegex(@"^(?<from>-?\d+(\.\d+)?)\.\.(?<to>-?\d+(\.\d+)?)(:(?<step>\d+(\.\d+)?))?$")]
    private static partial Regex RangePattern();
}
