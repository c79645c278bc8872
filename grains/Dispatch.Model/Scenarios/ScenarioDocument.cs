using System.Text.Json.Serialization;

namespace Dispatch.Model.Scenarios;

// The scenario file as written by a planner (docs/scenario-format.md). Every member is nullable so
// that the builder can say precisely what is missing instead of silently defaulting.

/// <summary>Root of a scenario file.</summary>
public sealed class ScenarioDocument
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Start { get; set; }
    public int? Days { get; set; }
    public long? Seed { get; set; }
    public Dictionary<string, ModeDocument>? Modes { get; set; }
    public List<StationDocument>? Stations { get; set; }
    public Dictionary<string, ProfileDocument>? Profiles { get; set; }
    public List<IncidentTypeDocument>? IncidentTypes { get; set; }
    public List<ZoneDocument>? Zones { get; set; }
    public string? ZonesGeoJson { get; set; }
    public List<UnitDocument>? Units { get; set; }
    public DispatchDocument? Dispatch { get; set; }
    public PatrolDocument? Patrol { get; set; }
    public SurgeDocument? Surge { get; set; }
    public NightWindowDocument? NightWindow { get; set; }
    public SchoolPostsDocument? SchoolPosts { get; set; }
    public MediationDocument? Mediation { get; set; }
    public RoadsDocument? Roads { get; set; }
    public List<CalendarDocument>? Calendar { get; set; }
}

public sealed class CalendarDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Date { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public double? Demand { get; set; }
    public List<string>? Zones { get; set; }
    public List<string>? ZoneKinds { get; set; }
}

public sealed class ModeDocument
{
    public double? SpeedKmh { get; set; }
    public double? DetourFactor { get; set; }
    public double? Visibility { get; set; }
    public int? Officers { get; set; }
}

public sealed class StationDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public double[]? Location { get; set; }
}

public sealed class ProfileDocument
{
    public double[]? Hour { get; set; }
    public double[]? Day { get; set; }
    public double[]? Week { get; set; }
}

public sealed class IncidentTypeDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public int? Priority { get; set; }
    public double? TargetResponseMinutes { get; set; }
    public DurationDocument? OnScene { get; set; }
    public List<string>? Modes { get; set; }
    public double? OnViewProbability { get; set; }
    public double? EscalationMinutes { get; set; }
    public int? EscalatedPriority { get; set; }
    public double? EscalatedOnSceneFactor { get; set; }
    public double? TransferShare { get; set; }
    public int? Units { get; set; }
}

public sealed class DurationDocument
{
    public string? Distribution { get; set; }
    public double? Mean { get; set; }
    public double? Sd { get; set; }
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

public sealed class ZoneDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public List<double[]>? Polygon { get; set; }
    public double? RatePerHour { get; set; }
    public string? Profile { get; set; }
    public double[]? HourProfile { get; set; }
    public double[]? DayProfile { get; set; }
    public double[]? WeekProfile { get; set; }
    public Dictionary<string, double>? TypeMix { get; set; }
    public int? PostOfficers { get; set; }

    /// <summary>
    /// Where the zone came from when it was read from GeoJSON (for messages): the path of its
    /// properties in <see cref="OriginFile"/>, such as <c>features[3].properties</c>.
    /// </summary>
    [JsonIgnore]
    public string? Origin { get; set; }

    /// <summary>The GeoJSON file the zone was read from (null for an inline zone).</summary>
    [JsonIgnore]
    public string? OriginFile { get; set; }

    /// <summary>Path of the polygon's points in <see cref="OriginFile"/>, such as <c>features[3].geometry.coordinates[0]</c>.</summary>
    [JsonIgnore]
    public string? PolygonOrigin { get; set; }
}

public sealed class UnitDocument
{
    public string? Id { get; set; }
    public int? Count { get; set; }
    public string? Mode { get; set; }
    public string? Station { get; set; }
    public double[]? Post { get; set; }
    public ShiftDocument? Shift { get; set; }
    public string? Duty { get; set; }
    public List<string>? Beat { get; set; }
    public List<string>? BeatKinds { get; set; }
    public List<int>? Days { get; set; }
    public List<string>? ExtraOn { get; set; }
    public List<string>? OffOn { get; set; }
}

public sealed class ShiftDocument
{
    public List<string>? Starts { get; set; }
    public string? Start { get; set; }
    public double? Hours { get; set; }
}

public sealed class DispatchDocument
{
    public bool? Queue { get; set; }
    public int? PreemptPostsUpToPriority { get; set; }
    public double? TacticalPreferenceMinutes { get; set; }
    public string? Policy { get; set; }
    public double? SectorMarginMinutes { get; set; }
    public Dictionary<string, DurationDocument>? CallHandling { get; set; }
    public Dictionary<string, DurationDocument>? Turnout { get; set; }
    public DivertDocument? Divert { get; set; }
    public bool? MoveUp { get; set; }
}

public sealed class DivertDocument
{
    public int? ForPriority { get; set; }
    public int? FromPriority { get; set; }
    public bool? OnScene { get; set; }
}

public sealed class PatrolDocument
{
    public string? Policy { get; set; }
    public double? DwellMinMinutes { get; set; }
    public double? DwellMaxMinutes { get; set; }
    public double? ReplanMinutes { get; set; }
    public double? Diminishing { get; set; }
    public double? DeterrenceFactor { get; set; }
    public double? ResidualMinutes { get; set; }
    public double? NearRepeatRadiusMetres { get; set; }
    public double? NearRepeatWeight { get; set; }
    public double? NearRepeatDecayMinutes { get; set; }
    public double? AlertThreshold { get; set; }
    public double? CheckMinutes { get; set; }
    public double? AlertCooldownMinutes { get; set; }
    public double? TopRiskShare { get; set; }
}

public sealed class NightWindowDocument
{
    public string? From { get; set; }
    public string? To { get; set; }
}

public sealed class SurgeDocument
{
    public string? From { get; set; }
    public string? To { get; set; }
    public List<string>? ZoneKinds { get; set; }
    public List<UnitDocument>? Units { get; set; }
}

public sealed class SchoolPostsDocument
{
    public string? ZoneKind { get; set; }
    public List<WindowDocument>? Windows { get; set; }
    public int? OfficersPerPost { get; set; }
    public List<int>? Days { get; set; }
    public List<string>? PoolModes { get; set; }
}

public sealed class WindowDocument
{
    public string? Start { get; set; }
    public string? End { get; set; }
}

public sealed class MediationDocument
{
    public double? ResolvedShare { get; set; }
}
