using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// What every section builder of a scenario shares: the one <see cref="ProblemSink"/> they report to,
/// and the parsing of values that appear in several sections (ids, points, times of day, modes).
/// </summary>
internal abstract class SectionBuilder(ProblemSink sink)
{
    protected static readonly string[] ModeNames = ["foot", "bicycle", "car", "tactical"];
    protected const string ModeList = "foot, bicycle, car or tactical";

    /// <summary>Where the problems of every section go.</summary>
    protected ProblemSink Sink { get; } = sink;

    protected void Error(string location, string message) => Sink.Error(location, message);

    protected void Warning(string location, string message) => Sink.Warning(location, message);

    protected void Require(bool ok, string location, string message) => Sink.Require(ok, location, message);

    protected static string Num(double value) => ProblemSink.Num(value);

    /// <summary>A mode name as written in a scenario (letters only, any case).</summary>
    internal static bool TryParseMode(string? text, out UnitMode mode)
    {
        mode = default;
        return text is not null && text.All(char.IsLetter) && Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }

    protected string RequireId(string? id, string path, Dictionary<string, string> seen, string fileOfPath = "")
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            Error($"{path}.id", "missing; expected a non-empty id");
            return $"#{seen.Count}";
        }
        if (!seen.TryAdd(id, fileOfPath + path))
        {
            Error($"{path}.id", $"duplicate id '{id}' (first used by {seen[id]}); ids must be unique");
        }
        return id;
    }

    /// <summary><see cref="ParsePoint(double[], string)"/> for item <paramref name="index"/> of a list at <paramref name="listPath"/> (the path is made only for an error).</summary>
    protected Point2? ParsePoint(double[]? xy, string listPath, int index) =>
        IsPlainPoint(xy) ? new Point2(xy![0], xy[1]) : ParsePoint(xy, $"{listPath}[{index}]");

    /// <summary>Two finite numbers within the coordinate limit: what <see cref="ParsePoint(double[], string)"/> accepts without a problem.</summary>
    protected static bool IsPlainPoint(double[]? xy) =>
        xy is { Length: 2 } && double.IsFinite(xy[0]) && double.IsFinite(xy[1])
        && !(Math.Abs(xy[0]) > ScenarioLimits.MaxCoordinate || Math.Abs(xy[1]) > ScenarioLimits.MaxCoordinate);

    protected Point2? ParsePoint(double[]? xy, string path)
    {
        if (xy is null || xy.Length != 2 || !double.IsFinite(xy[0]) || !double.IsFinite(xy[1]))
        {
            Error(path, $"{(xy is null ? "missing" : $"has {xy.Length} number(s)")}; expected a point [x, y]: two numbers, metres east and north");
            return null;
        }
        if (Math.Abs(xy[0]) > ScenarioLimits.MaxCoordinate || Math.Abs(xy[1]) > ScenarioLimits.MaxCoordinate)
        {
            Error(path, $"[{Num(xy[0])}, {Num(xy[1])}] is more than {ScenarioLimits.Count(ScenarioLimits.MaxCoordinate / 1000)} km from the origin; " +
                "coordinates are metres on a local plane (see the limits in the scenario format, section 6)");
            return null;
        }
        return new Point2(xy[0], xy[1]);
    }

    protected double ParseTimeOfDay(string? text, string path)
    {
        if (TryParseTime(text, out var minutes))
        {
            return minutes;
        }
        Error(path, text is null ? "missing; expected a time of day HH:mm such as \"22:00\"" : $"'{text}' is not a time of day; expected HH:mm with a two-digit hour, 00:00 to 23:59, such as \"22:00\"");
        return 0;
    }

    protected static bool TryParseTime(string? text, out double minutes)
    {
        minutes = 0;
        if (text is not null && TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time) && time.TotalHours < 24)
        {
            minutes = time.TotalMinutes;
            return true;
        }
        return false;
    }
}
