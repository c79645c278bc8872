using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The sizes that would make a scenario absurdly big, checked before anything is built.</summary>
internal sealed class SizeCheck(ProblemSink sink) : SectionBuilder(sink)
{
    /// <summary>Checks the sizes that would make the scenario absurdly big, before anything is built.</summary>
    public bool Check(ScenarioDocument d)
    {
        var ok = true;
        void Limit(bool within, string location, string message)
        {
            if (!within)
            {
                Error(location, message + " (see the limits in the scenario format, section 6)");
                ok = false;
            }
        }
        Limit((d.Zones?.Count ?? 0) <= ScenarioLimits.MaxZones, "zones",
            $"has {ScenarioLimits.Count(d.Zones?.Count ?? 0)} zones (inline and GeoJSON together); the limit is {ScenarioLimits.Count(ScenarioLimits.MaxZones)}");
        for (var i = 0; i < (d.Zones?.Count ?? 0) && ok; i++)
        {
            var z = d.Zones![i];
            if (z?.Polygon is { Count: > ScenarioLimits.MaxPolygonPoints } polygon)
            {
                Sink.File = z.OriginFile;
                Limit(false, z.PolygonOrigin ?? $"zones[{i}].polygon", $"has {ScenarioLimits.Count(polygon.Count)} points; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxPolygonPoints)} per polygon");
                Sink.File = null;
            }
        }
        Limit((d.IncidentTypes?.Count ?? 0) <= ScenarioLimits.MaxIncidentTypes, "incidentTypes",
            $"has {ScenarioLimits.Count(d.IncidentTypes?.Count ?? 0)} incident types; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxIncidentTypes)}");
        Limit((d.Stations?.Count ?? 0) <= ScenarioLimits.MaxStations, "stations",
            $"has {ScenarioLimits.Count(d.Stations?.Count ?? 0)} stations; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxStations)}");
        // Units after count expansion; a count out of range is reported by its entry and counts 1 here.
        var total = 0L;
        foreach (var u in (d.Units ?? []).Concat(d.Surge?.Units ?? []))
        {
            total += u?.Count is >= 1 and <= ScenarioLimits.MaxUnits ? u.Count.Value : 1;
        }
        Limit(total <= ScenarioLimits.MaxUnits, "units",
            $"makes {ScenarioLimits.Count(total)} units after count expansion (regular and surge together); the limit is {ScenarioLimits.Count(ScenarioLimits.MaxUnits)}");
        return ok;
    }
}
