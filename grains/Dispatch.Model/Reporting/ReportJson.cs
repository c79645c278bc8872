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

    /// <summary>The headline figures that carry a 95% interval with several replications (dotted paths).</summary>
    public static readonly IReadOnlyList<string> HeadlineNames =
    [
        "incidents.total", "incidents.attended", "incidents.unattended",
        "responseMinutes.mean", "responseMinutes.p50", "responseMinutes.p90", "responseMinutes.p95",
        "responseMinutes.within1", "responseMinutes.within3", "responseMinutes.within5",
        "queueWaitMinutes.mean", "queueWaitMinutes.probWait", "queueWaitMinutes.meanQueueLength",
        "travelMinutes.mean", "onSceneMinutes.mean", "handlingRate",
        "visibilityRate", "visibilityRateNight", "visibilityTimeShare", "precisionRate", "pai",
        "discoveryRate", "controlRate", "deterrenceRate",
        "incidents.discoveredOnView", "incidents.escalated", "incidents.transferred", "incidents.prevented",
    ];

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
    /// element; nulls are skipped), with <see cref="Report.Ci95HalfWidth"/> for the headline names.
    /// </summary>
    public static Report Aggregate(IReadOnlyList<Report> replications)
    {
        if (replications.Count == 1)
        {
            return replications[0];
        }
        var nodes = replications.Select(r => JsonSerializer.SerializeToNode(r, Options)!).ToList();
        var mean = (JsonObject)MeanOf(nodes)!;
        var ci = new JsonObject();
        foreach (var name in HeadlineNames)
        {
            var values = nodes.Select(n => Find(n, name)).OfType<double>().ToList();
            ci[name] = values.Count == replications.Count ? ReportBuilder.Round(Statistics.Ci95HalfWidth(values)) : null;
        }
        mean["ci95HalfWidth"] = ci;
        mean["replications"] = replications.Count;
        mean["seed"] = replications[0].Seed;
        mean["schemaVersion"] = replications[0].SchemaVersion;
        return mean.Deserialize<Report>(Options)!;
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

    private static JsonNode? MeanOf(IReadOnlyList<JsonNode?> nodes)
    {
        var first = nodes.FirstOrDefault(n => n is not null);
        switch (first)
        {
            case JsonObject:
                var result = new JsonObject();
                var keys = nodes.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Distinct().ToList();
                foreach (var key in keys)
                {
                    result[key] = MeanOf(nodes.Select(n => n is JsonObject o && o.TryGetPropertyValue(key, out var c) ? c : null).ToList());
                }
                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(MeanOf(nodes.Select(n => n is JsonArray a && i < a.Count ? a[i] : null).ToList()));
                }
                return items;
            case JsonValue value when value.TryGetValue<double>(out _):
                var numbers = nodes.OfType<JsonValue>().Select(v => v.GetValue<double>()).ToList();
                return JsonValue.Create(ReportBuilder.Round(numbers.Average()));
            default:
                return first?.DeepClone();
        }
    }
}
