using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Fitting;

/// <summary>One incident of a district's history (docs/demand.md, "The history file"), with the line of the file it was read from.</summary>
public sealed record HistoryRecord(int Line, DateTime Time, Point2? Location, string? Zone, string Type, int Priority, double? DurationMinutes);

/// <summary>
/// Reads an incident history CSV: a header naming the columns (any order, any case), then one
/// incident per line. Columns: <c>time</c> (local, <c>yyyy-MM-dd HH:mm[:ss]</c> or with a <c>T</c>),
/// <c>x</c> and <c>y</c> (metres) or <c>zone</c> (a zone id), <c>type</c>, <c>priority</c> (1-9), and
/// optionally <c>duration</c> (on-scene minutes). Every problem is reported with the file, line and
/// column; values are plain (no quoted fields, no commas inside values).
/// </summary>
public static class HistoryCsv
{
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>The columns a history may have, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<string> Columns = ["time", "x", "y", "zone", "type", "priority", "duration"];

    /// <summary>Reads the file; the records read and every problem (errors stop the fit). A missing file is one problem.</summary>
    public static (List<HistoryRecord> Records, List<ScenarioProblem> Problems) Read(string path)
    {
        if (!File.Exists(path))
        {
            return ([], [new ScenarioProblem(ProblemSeverity.Error, "", "file not found") { File = path }]);
        }
        return Parse(File.ReadLines(path), path);
    }

    /// <summary>Parses the lines of a history (<paramref name="file"/> names it in problems).</summary>
    public static (List<HistoryRecord> Records, List<ScenarioProblem> Problems) Parse(IEnumerable<string> lines, string file)
    {
        var records = new List<HistoryRecord>();
        var problems = new List<ScenarioProblem>();
        void Problem(int line, int column, string where, string message) =>
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, where, message) { File = file, Line = line, Column = column });
        Dictionary<string, int>? index = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split(',');
            if (index is null)
            {
                index = Header(fields, number, Problem);
                if (index is null)
                {
                    return (records, problems);
                }
                continue;
            }
            if (fields.Length != index.Count)
            {
                Problem(number, 1, "", $"has {fields.Length} values; expected {index.Count}, one per column of the header ({string.Join(",", index.Keys)})");
                continue;
            }
            var row = new Row(fields, index, number, Problem);
            var time = row.Text<DateTime>("time", t => DateTime.TryParseExact(t, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null,
                "a local date and time such as 2023-06-05 14:30 (no time zone)");
            Point2? location = null;
            var zone = index.TryGetValue("zone", out var zc) && fields[zc].Trim().Length > 0 ? fields[zc].Trim() : null;
            var noPoint = index.ContainsKey("x") && fields[index["x"]].Trim().Length == 0 && fields[index["y"]].Trim().Length == 0;
            if (index.ContainsKey("x") && !(noPoint && zone is not null))
            {
                var x = row.Number("x", v => double.IsFinite(v) && Math.Abs(v) <= ScenarioLimits.MaxCoordinate, "metres east");
                var y = row.Number("y", v => double.IsFinite(v) && Math.Abs(v) <= ScenarioLimits.MaxCoordinate, "metres north");
                location = x is { } px && y is { } py ? new Point2(px, py) : null;
            }
            if (zone is null && !index.ContainsKey("x"))
            {
                Problem(number, zc + 1, "column 'zone'", "is empty; expected the id of a zone of the zones file");
            }
            var type = fields[index["type"]].Trim();
            if (type.Length == 0)
            {
                Problem(number, index["type"] + 1, "column 'type'", "is empty; expected an incident type id");
            }
            var priority = row.Number("priority", v => v is >= 1 and <= 9 && v == Math.Floor(v), "a whole number from 1 (most urgent) to 9");
            double? duration = null;
            if (index.TryGetValue("duration", out var dc) && fields[dc].Trim().Length > 0)
            {
                duration = row.Number("duration", v => v > 0 && v <= 100_000, "on-scene minutes, more than 0");
            }
            if (time is { } t && (location is not null || zone is not null) && type.Length > 0 && priority is { } p)
            {
                records.Add(new HistoryRecord(number, t, location, zone, type, (int)p, duration));
            }
        }
        if (index is null)
        {
            Problem(Math.Max(number, 1), 1, "", "no header line; expected a header such as time,x,y,type,priority,duration");
        }
        return (records, problems);
    }

    private static Dictionary<string, int>? Header(string[] fields, int line, Action<int, int, string, string> problem)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var c = 0; c < fields.Length; c++)
        {
            var name = fields[c].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                problem(line, c + 1, $"column {c + 1}", $"'{fields[c].Trim()}' is not a column of a history; expected {string.Join(", ", Columns)}{NameSuggestions.DidYouMean(name, Columns)}");
                ok = false;
            }
            else if (!index.TryAdd(name, c))
            {
                problem(line, c + 1, $"column {c + 1}", $"'{name}' appears twice in the header");
                ok = false;
            }
        }
        foreach (var required in new[] { "time", "type", "priority" }.Where(r => !index.ContainsKey(r)))
        {
            problem(line, 1, "header", $"has no '{required}' column; expected at least time, type, priority and either x and y or zone");
            ok = false;
        }
        if (index.ContainsKey("x") != index.ContainsKey("y") || (!index.ContainsKey("x") && !index.ContainsKey("zone")))
        {
            problem(line, 1, "header", "needs both 'x' and 'y' columns, or a 'zone' column (or all three)");
            ok = false;
        }
        return ok ? index : null;
    }

    /// <summary>One line's values, each parsed with its column number in the problem.</summary>
    private readonly struct Row(string[] fields, Dictionary<string, int> index, int line, Action<int, int, string, string> problem)
    {
        public T? Text<T>(string column, Func<string, T?> parse, string expected)
            where T : struct
        {
            var c = index[column];
            var text = fields[c].Trim();
            var value = parse(text);
            if (value is null)
            {
                problem(line, c + 1, $"column '{column}'", text.Length == 0 ? $"is empty; expected {expected}" : $"'{text}' is not valid; expected {expected}");
            }
            return value;
        }

        public double? Number(string column, Func<double, bool> valid, string expected) =>
            Text<double>(column, t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && valid(v) ? v : (double?)null, expected);
    }
}
