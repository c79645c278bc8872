using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dispatch.Model.Planning;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Planning;

/// <summary>One point of a sweep: its value on each axis and every headline measure's estimate over its replications.</summary>
public sealed record SweepPoint(IReadOnlyList<string> Values, IReadOnlyList<Estimate> Estimates);

/// <summary>
/// A finished sweep: its axes, and per point the estimate (mean and 95% interval) of every headline
/// measure of <see cref="Measures.Headlines"/>, in their order. Writes sweep.json and sweep.csv.
/// </summary>
public sealed record SweepResult(string Scenario, string ScenarioPath, long Seed, int Days, int Replications, IReadOnlyList<SweepAxis> Axes, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The measures of each point, in the order of <see cref="SweepPoint.Estimates"/>.</summary>
    public static IReadOnlyList<Measure> MeasureList => Measures.Headlines;

    /// <summary>The points of the axes, the first axis varying slowest (row by row of a 2-D sweep).</summary>
    public static List<IReadOnlyList<string>> Grid(IReadOnlyList<SweepAxis> axes) =>
        axes.Aggregate(new List<IReadOnlyList<string>> { Array.Empty<string>() },
            (points, axis) => points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<string>)[.. p, v])).ToList());

    /// <summary>The estimates of every headline measure over one point's replication reports.</summary>
    public static List<Estimate> EstimatesOf(IReadOnlyList<Report> replications) =>
        MeasureList.Select(m => new MeasureSelector(m, null).Over(replications)).ToList();

    /// <summary>sweep.json: the run parameters, the axes and, per point, its values and each measure's mean and half-width.</summary>
    public JsonObject ToJson()
    {
        var points = new JsonArray();
        foreach (var p in Points)
        {
            var values = new JsonObject();
            for (var a = 0; a < Axes.Count; a++)
            {
                values[Axes[a].Path.Text] = JsonValue.Create(p.Values[a]);
            }
            var measures = new JsonObject();
            for (var m = 0; m < MeasureList.Count; m++)
            {
                measures[MeasureList[m].Path] = new JsonObject
                {
                    ["mean"] = Round(p.Estimates[m].Mean),
                    ["ci95HalfWidth"] = Round(p.Estimates[m].HalfWidth),
                };
            }
            points.Add(new JsonObject { ["values"] = values, ["measures"] = measures });
        }
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["scenario"] = Scenario,
            ["scenarioFile"] = ScenarioPath,
            ["seed"] = Seed,
            ["simulatedDays"] = Days,
            ["replications"] = Replications,
            ["commonRandomNumbers"] = true,
            ["axes"] = new JsonArray(Axes.Select(a => (JsonNode)new JsonObject
            {
                ["path"] = a.Path.Text,
                ["values"] = new JsonArray(a.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            }).ToArray()),
            ["points"] = points,
        };
    }

    /// <summary>sweep.csv: a row per point; the axis paths, then each measure's mean and half-width (<c>NAME</c>, <c>NAME.ci95</c>).</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Axes.Select(a => Quote(a.Path.Text)).Concat(MeasureList.SelectMany(m => new[] { m.Path, m.Path + ".ci95" })));
        csv.Append('\n');
        foreach (var p in Points)
        {
            csv.AppendJoin(',', p.Values.Select(Quote).Concat(p.Estimates.SelectMany(e => new[] { Text(e.Mean), Text(e.HalfWidth) })));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static JsonNode? Round(double? v) => v is { } x ? JsonValue.Create(Math.Round(x, 6)) : null;

    private static string Text(double? v) => v is { } x ? Math.Round(x, 6).ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
