using System.Globalization;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>calendar</c> section: dated special days and periods, their demand factor and zones (docs/demand.md).</summary>
internal sealed class CalendarSection(ProblemSink sink) : SectionBuilder(sink)
{
    public List<CalendarEntry> Build(List<CalendarDocument>? documents, List<Zone> zones)
    {
        var entries = new List<CalendarEntry>();
        var ids = new Dictionary<string, string>();
        var zoneIndex = new Dictionary<string, int>();
        foreach (var z in zones)
        {
            zoneIndex.TryAdd(z.Id, z.Index);
        }
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var c = documents![i];
            var path = $"calendar[{i}]";
            if (c is null)
            {
                Error(path, "expected a calendar entry object");
                continue;
            }
            var id = RequireId(c.Id, path, ids);
            DateTime from, to;
            if (c.Date is not null)
            {
                Require(c.From is null && c.To is null, path, "give either 'date' (one day) or 'from' and 'to' (a period), not both");
                from = to = ParseDate(c.Date, $"{path}.date");
            }
            else
            {
                from = ParseDate(c.From, $"{path}.from");
                to = c.To is null ? from : ParseDate(c.To, $"{path}.to");
                Require(to >= from, $"{path}.to", $"'{c.To}' is before 'from' ({c.From}); the period runs from 'from' to 'to', both included");
            }
            var demand = c.Demand ?? 1;
            Require(demand is >= 0 and <= ScenarioLimits.MaxMultiplier, $"{path}.demand",
                $"is {Num(demand)}; expected a factor on the demand of its zones, 0 to {Num(ScenarioLimits.MaxMultiplier)} (1: unchanged)");
            entries.Add(new CalendarEntry(id, c.Name ?? id, from, to, Math.Clamp(demand, 0, ScenarioLimits.MaxMultiplier), ZonesOf(c, zones, zoneIndex, path)));
        }
        return entries;
    }

    /// <summary>The zones named and the zones of the kinds named; every zone when neither is given.</summary>
    private HashSet<int> ZonesOf(CalendarDocument c, List<Zone> zones, Dictionary<string, int> zoneIndex, string path)
    {
        if (c.Zones is null && c.ZoneKinds is null)
        {
            return [.. zones.Select(z => z.Index)];
        }
        var result = new HashSet<int>();
        foreach (var (name, k) in (c.Zones ?? []).Select((n, k) => (n, k)))
        {
            if (name is not null && zoneIndex.TryGetValue(name, out var z))
            {
                result.Add(z);
            }
            else
            {
                Error($"{path}.zones[{k}]", $"unknown zone '{name}'{NameSuggestions.DidYouMean(name, zoneIndex.Keys)}");
            }
        }
        foreach (var (kind, k) in (c.ZoneKinds ?? []).Select((n, k) => (n, k)))
        {
            var before = result.Count;
            result.UnionWith(zones.Where(z => z.Kind == kind).Select(z => z.Index));
            if (result.Count == before && !zones.Any(z => z.Kind == kind))
            {
                Error($"{path}.zoneKinds[{k}]", $"no zone has the kind '{kind}'{NameSuggestions.DidYouMean(kind, zones.Select(z => z.Kind).Distinct())}");
            }
        }
        return result;
    }

    private DateTime ParseDate(string? text, string path)
    {
        if (text is not null && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(path, text is null ? "missing; expected a local date such as \"2023-10-01\"" : $"'{text}' is not a date; expected YYYY-MM-DD such as \"2023-10-01\"");
        return default;
    }
}
