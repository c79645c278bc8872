using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;

namespace Dispatch.Model.Scenarios;

/// <summary>Patrol unit modes (closed vocabulary).</summary>
public enum UnitMode
{
    Foot,
    Bicycle,
    Car,
    Tactical,
}

/// <summary>Speed and detour factor of a mode: travel minutes = distance x detour / speed.</summary>
public sealed record ModeSpec(double SpeedKmh, double DetourFactor)
{
    public double MetresPerMinute => SpeedKmh * 1000.0 / 60.0;

    public double TravelMinutes(double straightLineMetres) => straightLineMetres * DetourFactor / MetresPerMinute;
}

public sealed record Station(int Index, string Id, string Name, Point2 Location);

public sealed record IncidentType(
    int Index,
    string Id,
    string Name,
    int Priority,
    double TargetResponseMinutes,
    IDistribution OnScene,
    IReadOnlySet<UnitMode> CapableModes);

/// <summary>A zone with its demand profile. Rate per minute at time t = RatePerHour/60 x Hour[h] x Day[d].</summary>
public sealed record Zone(
    int Index,
    string Id,
    string Name,
    string Kind,
    ZoneShape Shape,
    double RatePerHour,
    double[] HourProfile,
    double[] DayProfile,
    int[] MixTypes,
    double[] MixCumulative);

/// <summary>A daily shift: on duty from StartMinuteOfDay for DurationMinutes (may cross midnight).</summary>
public sealed record Shift(double StartMinuteOfDay, double DurationMinutes)
{
    public bool IsAlwaysOn => DurationMinutes >= 1440;
}

public sealed record UnitSpec(
    int Index,
    string Id,
    UnitMode Mode,
    ModeSpec Speed,
    int StationIndex,
    Point2 Base,
    bool HasPost,
    Shift Shift);

public sealed record DispatchOptions(bool Queue);

/// <summary>A validated scenario, ready to simulate.</summary>
public sealed record Scenario(
    string Name,
    DateTime Start,
    int Days,
    long Seed,
    IReadOnlyList<Station> Stations,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<IncidentType> IncidentTypes,
    IReadOnlyList<UnitSpec> Units,
    DispatchOptions Dispatch)
{
    /// <summary>Minutes from Monday 00:00 of the start week to the start.</summary>
    public double StartMinuteOfWeek =>
        (((int)Start.DayOfWeek + 6) % 7) * 1440.0 + Start.TimeOfDay.TotalMinutes;

    /// <summary>Hour of day (0..23) at simulated minute t.</summary>
    public int HourOfDay(double t) => (int)(((StartMinuteOfWeek + t) % 1440.0) / 60.0);

    /// <summary>Day of week (0 = Monday .. 6 = Sunday) at simulated minute t.</summary>
    public int DayOfWeek(double t) => (int)(((StartMinuteOfWeek + t) / 1440.0) % 7);

    public IReadOnlyList<int> Priorities => IncidentTypes.Select(t => t.Priority).Distinct().Order().ToList();
}
