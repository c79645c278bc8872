using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dispatch.Model.Reporting;

/// <summary>report.json reading and writing, and the mean of several replications' reports.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The headline figures that carry a 95% interval with several replications (dotted paths; from <see cref="Measures"/>).</summary>
    public static readonly IReadOnlyList<string> HeadlineNames = Measures.Headlines.Select(m => m.Path).ToList();

    /// <summary>The report's JSON text (indented, camel case, nulls omitted) and a final newline.</summary>
    public static string Serialize(Report report)
    {
        using var bytes = new PooledByteBuffer(1 << 16);
        using (var writer = new Utf8JsonWriter(bytes, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, report, ReportJsonContext.Default.Report);
        }
        var utf8 = bytes.WrittenSpan;
        var chars = Encoding.UTF8.GetCharCount(utf8);
        return string.Create(chars + 1, bytes, static (text, source) =>
        {
            Encoding.UTF8.GetChars(source.WrittenSpan, text);
            text[^1] = '\n';
        });
    }

    public static Report Deserialize(string json) =>
        JsonSerializer.Deserialize<Report>(json, Options) ?? throw new InvalidDataException("empty report");

    /// <summary>
    /// The mean over replications of every number in the reports (field by field, element by
    /// element; nulls are skipped; see <see cref="ReportMean"/>), with
    /// <see cref="Report.Ci95HalfWidth"/> for the headline names.
    /// </summary>
    public static Report Aggregate(IReadOnlyList<Report> replications)
    {
        if (replications.Count == 1)
        {
            return replications[0];
        }
        var ci = new Dictionary<string, double?>();
        foreach (var measure in Measures.Headlines)
        {
            var values = replications.Select(measure.Value!).OfType<double>().ToList();
            ci[measure.Path] = values.Count == replications.Count ? ReportBuilder.Round(Statistics.Ci95HalfWidth(values)) : null;
        }
        return ReportMean.Of(replications) with
        {
            Ci95HalfWidth = ci,
            Replications = replications.Count,
            Seed = replications[0].Seed,
            SchemaVersion = replications[0].SchemaVersion,
        };
    }

    /// <summary>The value at a dotted path such as <c>responseMinutes.p90</c>, or null.</summary>
    public static double? Find(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    }
}
