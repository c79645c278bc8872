using System.Runtime.CompilerServices;
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
public sealed record ModeSpec(double SpeedKmh, double DetourFactor, double Visibility = 1)
{
    public double MetresPerMinute => SpeedKmh * 1000.0 / 60.0;

    /// <summary>Officers crewing one unit of this mode (for officer-hours on duty); 1 unless the scenario says otherwise.</summary>
    public int Officers { get; init; } = 1;

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
    IReadOnlySet<UnitMode> CapableModes)
{
    /// <summary>Probability that an incident arising where a unit is visibly present is found on view.</summary>
    public double OnViewProbability { get; init; }

    /// <summary>Minutes after creation at which an unattended incident escalates (infinity: never).</summary>
    public double EscalationMinutes { get; init; } = double.PositiveInfinity;

    public int EscalatedPriority { get; init; } = 1;

    public double EscalatedOnSceneFactor { get; init; } = 1.5;

    /// <summary>Share of handled incidents transferred to the social-governance centre for mediation.</summary>
    public double TransferShare { get; init; }

    public bool Escalates => double.IsFinite(EscalationMinutes);

    /// <summary>Units an incident of this type needs on scene (its full complement; 1 unless the type says more).</summary>
    public int UnitsRequired { get; init; } = 1;
}

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
    double[] MixCumulative)
{
    /// <summary>Officers a school-gate post of this zone needs (null: the scenario's officersPerPost).</summary>
    public int? PostOfficers { get; init; }

    /// <summary>A full 24 x 7 profile (168 multipliers, Monday 00:00-01:00 first) on top of the hour and day ones (then all 1), or null.</summary>
    public double[]? WeekProfile { get; init; }

    /// <summary>
    /// The profile rate in incidents per hour in an hour of day and day of week (0 = Monday):
    /// <c>RatePerHour x Hour[h] x Day[d]</c>, times <c>Week[24 d + h]</c> when the zone has a 24 x 7 profile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double RateAt(int hour, int day)
    {
        var rate = RatePerHour * HourProfile[hour] * DayProfile[day];
        return WeekProfile is null ? rate : rate * WeekProfile[day * 24 + hour];
    }

    /// <summary>The largest multiplier of the weekly profile (hour x day, or the largest of the 24 x 7).</summary>
    public double PeakMultiplier => WeekProfile is null ? HourProfile.Max() * DayProfile.Max() : HourProfile.Max() * DayProfile.Max() * WeekProfile.Max();

    /// <summary>The mean multiplier of the weekly profile over the 168 hours of a week.</summary>
    public double MeanMultiplier => WeekProfile is null
        ? HourProfile.Sum() * DayProfile.Sum() / 168
        : Enumerable.Range(0, 168).Sum(k => HourProfile[k % 24] * DayProfile[k / 24] * WeekProfile[k]) / 168;

    /// <summary>Hotspots are every zone but the district-wide background zone(s) (decided once: the kernel asks per incident).</summary>
    public bool IsHotspot { get; } = Kind != ZoneKinds.District;
}

/// <summary>Zone kinds the scheduler knows (others are allowed but get no special treatment).</summary>
public static class ZoneKinds
{
    public const string District = "district";
    public const string Nightlife = "nightlife";
    public const string NightFood = "nightFood";
    public const string Influencer = "influencer";
    public const string Commercial = "commercial";
    public const string Residential = "residential";
    public const string Transit = "transit";
    public const string SchoolGate = "schoolGate";

    public static readonly IReadOnlyList<string> All =
        [District, Nightlife, NightFood, Influencer, Commercial, Residential, Transit, SchoolGate];
}

/// <summary>What a unit does when it is not answering a call.</summary>
public enum Duty
{
    /// <summary>Waits at its station.</summary>
    Station,
    /// <summary>Stands at a fixed post (a key point).</summary>
    Post,
    /// <summary>Patrols the hotspot zones of its beat, as the patrol policy directs.</summary>
    Patrol,
}

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
    Shift Shift)
{
    public Duty Duty { get; init; } = HasPost ? Duty.Post : Duty.Station;

    /// <summary>Zone indices of the beat (patrol units); empty means the policy's default beat.</summary>
    public IReadOnlyList<int> Beat { get; init; } = [];

    /// <summary>Part of the night surge pool.</summary>
    public bool IsSurge { get; init; }

    /// <summary>The days the unit works (weekdays, calendar entries), or null: every day.</summary>
    public Roster? Roster { get; init; }
}

public sealed record DispatchOptions(bool Queue)
{
    /// <summary>The dispatch policy when a scenario names none.</summary>
    public const string DefaultPolicy = "nearest-available";

    /// <summary>The dispatch policy's registered name (Simulation.DispatchPolicies).</summary>
    public string Policy { get; init; } = DefaultPolicy;

    /// <summary>
    /// <c>own-sector-first</c>: a unit of the incident's own sector is sent unless a unit from outside
    /// would arrive more than this many minutes sooner.
    /// </summary>
    public double SectorMarginMinutes { get; init; } = 3;

    /// <summary>Units on a fixed or school post may be pulled away only for this priority or more urgent.</summary>
    public int PreemptPostsUpToPriority { get; init; } = 9;

    /// <summary>For priority-1 incidents a tactical unit is sent if at most this many minutes slower than the nearest.</summary>
    public double TacticalPreferenceMinutes { get; init; }

    /// <summary>Call-handling time (call taken to dispatchable) by priority; a priority not listed takes none. Empty: off.</summary>
    public IReadOnlyDictionary<int, IDistribution> CallHandling { get; init; } = new Dictionary<int, IDistribution>();

    /// <summary>Turnout time (unit assigned to unit moving) by priority; a priority not listed takes none. Empty: off.</summary>
    public IReadOnlyDictionary<int, IDistribution> Turnout { get; init; } = new Dictionary<int, IDistribution>();

    /// <summary>Pre-emption of units busy on less urgent incidents (null: off).</summary>
    public DivertOptions? Divert { get; init; }

    /// <summary>Move-up (动态调警): a station's sector left without a free unit is covered by the nearest idle unit of another station (Simulation/MoveUp.cs).</summary>
    public bool MoveUp { get; init; }

    /// <summary>Whether any call-handling or turnout time is configured (the kernel then draws them).</summary>
    public bool HasTimings => CallHandling.Count > 0 || Turnout.Count > 0;
}

/// <summary>
/// Pre-emption: a call of priority <see cref="ForPriority"/> or more urgent that finds no free unit
/// may take a unit en route to (or, with <see cref="OnScene"/>, on scene at) an incident of priority
/// <see cref="FromPriority"/> or less urgent; that incident goes back to the queue.
/// </summary>
public sealed record DivertOptions(int ForPriority, int FromPriority, bool OnScene);

/// <summary>Patrol, risk model, deterrence and alert settings (docs/scheduler.md).</summary>
public sealed record PatrolOptions
{
    public string Policy { get; init; } = "static";
    public double DwellMinMinutes { get; init; } = 10;
    public double DwellMaxMinutes { get; init; } = 16;
    public double ReplanMinutes { get; init; } = 30;
    public double Diminishing { get; init; } = 0.5;
    public double DeterrenceFactor { get; init; } = 0.5;
    public double ResidualMinutes { get; init; } = 30;
    public double NearRepeatRadiusMetres { get; init; } = 300;
    public double NearRepeatWeight { get; init; } = 0.5;
    public double NearRepeatDecayMinutes { get; init; } = 120;
    public double AlertThreshold { get; init; } = double.PositiveInfinity;
    public double CheckMinutes { get; init; } = 15;
    public double AlertCooldownMinutes { get; init; } = 60;
    public double TopRiskShare { get; init; } = 0.2;
}

/// <summary>The night surge: extra units on duty From..To, patrolling zones of the given kinds.</summary>
public sealed record SurgeOptions(double FromMinuteOfDay, double ToMinuteOfDay, IReadOnlySet<string> ZoneKinds);

/// <summary>
/// The night window of the night measures (<c>visibilityRateNight</c>) and the surge's default
/// window: whole clock hours FromHour..ToHour (may cross midnight), 22:00-04:00 unless the scenario
/// sets <c>nightWindow</c>.
/// </summary>
public sealed record NightWindow(int FromHour, int ToHour)
{
    /// <summary>22:00-04:00.</summary>
    public static readonly NightWindow Default = new(22, 4);

    /// <summary>Whether a clock hour (0-23) is in the window.</summary>
    public bool IsNightHour(int hour) => FromHour < ToHour ? hour >= FromHour && hour < ToHour : hour >= FromHour || hour < ToHour;

    /// <summary>"22:00-04:00".</summary>
    public string Label => $"{FromHour:00}:00-{ToHour:00}:00";

    /// <summary>The 24 hours' flags, for the hot paths.</summary>
    public bool[] Hours() => Enumerable.Range(0, 24).Select(IsNightHour).ToArray();
}

/// <summary>A daily time window [Start, End) in minutes of the day.</summary>
public sealed record TimeWindow(double StartMinuteOfDay, double EndMinuteOfDay);

/// <summary>School-gate posts (护学岗): staffed from the free units at opening and closing peaks.</summary>
public sealed record SchoolPostOptions(
    string ZoneKind, IReadOnlyList<TimeWindow> Windows, int OfficersPerPost, IReadOnlySet<int> Days, IReadOnlySet<UnitMode> PoolModes);

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
    public PatrolOptions Patrol { get; init; } = new();

    public SurgeOptions? Surge { get; init; }

    /// <summary>The night window of the night measures (and the surge's default window).</summary>
    public NightWindow Night { get; init; } = NightWindow.Default;

    public SchoolPostOptions? SchoolPosts { get; init; }

    /// <summary>The road network units travel on (null: straight lines x detour factor; docs/roads.md).</summary>
    public Roads.RoadNetwork? Roads { get; init; }
    /// <summary>Dated special days and periods: demand factors by zone, roster switches (docs/demand.md).</summary>
    public IReadOnlyList<CalendarEntry> Calendar { get; init; } = [];

    /// <summary>The product of the demand factors of the calendar entries of a zone covering simulated minute t (1 without any).</summary>
    public double DemandFactor(int zone, double t)
    {
        var factor = 1.0;
        foreach (var entry in Calendar)
        {
            if (entry.Zones.Contains(zone))
            {
                var (from, to) = entry.Minutes(Start);
                if (t >= from && t < to)
                {
                    factor *= entry.Demand;
                }
            }
        }
        return factor;
    }

    /// <summary>Share of transferred incidents that mediation resolves (the report: 98%).</summary>
    public double MediationResolvedShare { get; init; } = 0.98;

    /// <summary>The start date and time; setting it (also through <c>with</c>) works out <see cref="StartMinuteOfWeek"/> again.</summary>
    public DateTime Start
    {
        get => _start;
        init
        {
            _start = value;
            StartMinuteOfWeek = MinuteOfWeek(value);
        }
    }

    private readonly DateTime _start = Start;

    /// <summary>Minutes from Monday 00:00 of the start week to the start (worked out once: the kernel asks per event).</summary>
    public double StartMinuteOfWeek { get; private init; } = MinuteOfWeek(Start);

    private static double MinuteOfWeek(DateTime start) =>
        (((int)start.DayOfWeek + 6) % 7) * 1440.0 + start.TimeOfDay.TotalMinutes;

    /// <summary>Hour of day (0..23) at simulated minute t.</summary>
    public int HourOfDay(double t) => (int)(((StartMinuteOfWeek + t) % 1440.0) / 60.0);

    /// <summary>Day of week (0 = Monday .. 6 = Sunday) at simulated minute t.</summary>
    public int DayOfWeek(double t) => (int)(((StartMinuteOfWeek + t) / 1440.0) % 7);

    public IReadOnlyList<int> Priorities => IncidentTypes.Select(t => t.Priority).Distinct().Order().ToList();
}
