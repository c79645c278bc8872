using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Fitting;

/// <summary>
/// The zones a history is fitted to, read from a GeoJSON zones file and checked as a scenario's zones
/// are (their rates, profiles and type mixes are ignored), and the rule that assigns an incident to a
/// zone: its zone id if given, else the first hotspot (non-<c>district</c> zone, in file order)
/// whose polygon contains its point, else the first district zone that does.
/// </summary>
public sealed class FitZones
{
    private readonly Dictionary<string, int> _byId;

    private FitZones(IReadOnlyList<Zone> zones, IReadOnlyList<ZoneDocument> documents)
    {
        Zones = zones;
        Documents = documents;
        _byId = zones.ToDictionary(z => z.Id, z => z.Index, StringComparer.Ordinal);
    }

    /// <summary>The zones, in file order.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>The zones as read (name, kind, polygon), for the fitted output.</summary>
    public IReadOnlyList<ZoneDocument> Documents { get; }

    /// <summary>Reads and checks the zones file; null and the problems when it cannot be used.</summary>
    public static (FitZones? Zones, List<ScenarioProblem> Problems) Read(string path)
    {
        var problems = new List<ScenarioProblem>();
        var read = GeoJsonZones.Read(path, path, problems);
        if (read.Failed || problems.Any(p => p.IsError))
        {
            // Problems with the file as a whole are located at the file (there is no scenario field here).
            return (null, [.. problems.Select(p => p.Location == "zonesGeoJson" ? p with { Location = "--zones" } : p)]);
        }
        foreach (var z in read.Zones)
        {
            (z.RatePerHour, z.Profile, z.HourProfile, z.DayProfile, z.WeekProfile, z.TypeMix) = (z.RatePerHour ?? 0, null, null, null, null, null);
        }
        var document = new ScenarioDocument
        {
            Name = "fit",
            Start = "2023-01-02T00:00",
            Stations = [new StationDocument { Id = "s", Location = [0, 0] }],
            IncidentTypes = [new IncidentTypeDocument { Id = "t", Priority = 1, TargetResponseMinutes = 1, OnScene = new DurationDocument { Distribution = "fixed", Value = 1 } }],
            Zones = read.Zones,
            Units = [new UnitDocument { Id = "u", Mode = "car", Station = "s" }],
        };
        var (scenario, found) = ScenarioBuilder.Check(document);
        problems.AddRange(found.Where(p => p.IsError).Select(p => p with { File = p.File ?? path }));
        return scenario is null ? (null, problems) : (new FitZones(scenario.Zones, read.Zones), problems);
    }

    /// <summary>The zone index of a record, or -1 when its zone id is unknown or no zone contains its point.</summary>
    public int Assign(HistoryRecord record)
    {
        if (record.Zone is not null)
        {
            return _byId.TryGetValue(record.Zone, out var z) ? z : -1;
        }
        var p = record.Location!.Value;
        var background = -1;
        foreach (var zone in Zones)
        {
            if (zone.Shape.Contains(p))
            {
                if (zone.IsHotspot)
                {
                    return zone.Index;
                }
                background = background < 0 ? zone.Index : background;
            }
        }
        return background;
    }
}
