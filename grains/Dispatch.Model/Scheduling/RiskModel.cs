using System.Runtime.CompilerServices;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// Forecast risk of a zone, in expected incidents per hour (docs/scheduler.md):
/// <c>risk(z, t) = base(z, t) + nearRepeat(z, t)</c>, where <c>base</c> is the zone's profile rate
/// (ratePerHour x hour x day multipliers) and <c>nearRepeat</c> adds <c>weight x exp(-age / decay)</c>
/// for every recent incident within <c>radius</c> of the zone's centroid.
/// </summary>
public sealed class RiskModel
{
    private readonly bool[] _hotspot;
    private readonly double[] _ratePerHour;
    private readonly double[] _hourProfiles; // zone x 24, flat: the profiles of all zones in one block
    private readonly double[] _dayProfiles; // zone x 7
    private readonly double[]?[] _weekProfiles; // 24 x 7 profiles, null where a zone has none
    private readonly Point2[] _centroids;
    private readonly Scenario _scenario;
    private readonly ZoneIndex _hotspots;
    private readonly PatrolOptions _options;
    private readonly double[] _nearRepeat;
    private readonly double[] _updatedAt;
    private readonly List<int> _raised = [];
    private readonly List<int> _near = [];

    public RiskModel(Scenario scenario, ZoneIndex hotspots)
    {
        var tables = Tables.GetValue(scenario, s => new ZoneTables(s.Zones));
        (_hotspot, _ratePerHour, _hourProfiles, _dayProfiles, _centroids) =
            (tables.Hotspot, tables.RatePerHour, tables.HourProfiles, tables.DayProfiles, tables.Centroids);
        _weekProfiles = [.. scenario.Zones.Select(z => z.WeekProfile)];
        _scenario = scenario;
        _hotspots = hotspots;
        _options = scenario.Patrol;
        _nearRepeat = new double[_hotspot.Length];
        _updatedAt = new double[_hotspot.Length];
    }

    /// <summary>The zone tables of each scenario, worked out once and shared by its replications (never changed).</summary>
    private static readonly ConditionalWeakTable<Scenario, ZoneTables> Tables = new();

    /// <summary>Per zone: hotspot or not, base rate, hour and day profiles (flat) and centroid.</summary>
    private sealed class ZoneTables(IReadOnlyList<Zone> zones)
    {
        public bool[] Hotspot { get; } = [.. zones.Select(z => z.IsHotspot)];

        public double[] RatePerHour { get; } = [.. zones.Select(z => z.RatePerHour)];

        public double[] HourProfiles { get; } = [.. zones.SelectMany(z => Fixed(z.HourProfile, 24))];

        public double[] DayProfiles { get; } = [.. zones.SelectMany(z => Fixed(z.DayProfile, 7))];

        public Point2[] Centroids { get; } = [.. zones.Select(z => z.Shape.Centroid)];

        /// <summary>A profile, which has one value per hour (24) or per day (7) in any built scenario.</summary>
        private static double[] Fixed(double[] profile, int length) =>
            profile.Length == length ? profile : throw new ArgumentException($"a zone profile has {profile.Length} values; expected {length}", nameof(profile));
    }

    /// <summary>The zone's profile rate at time t, incidents per hour, with the calendar's demand factors of that day.</summary>
    public double BaseRate(int zone, double t)
    {
        var rate = BaseRate(zone, _scenario.HourOfDay(t), _scenario.DayOfWeek(t));
        return _scenario.Calendar.Count == 0 ? rate : rate * _scenario.DemandFactor(zone, t);
    }

    /// <summary>The zone's weekly profile rate in the given hour of day and day of week (see <see cref="HourAndDay"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double BaseRate(int zone, int hour, int day)
    {
        var rate = _ratePerHour[zone] * _hourProfiles[zone * 24 + hour] * _dayProfiles[zone * 7 + day];
        return _weekProfiles[zone] is { } week ? rate * week[day * 24 + hour] : rate;
    }

    /// <summary>The calendar's demand factor of the zone at time t (1 without a calendar).</summary>
    public double DemandFactor(int zone, double t) => _scenario.Calendar.Count == 0 ? 1 : _scenario.DemandFactor(zone, t);

    /// <summary>The hour of day and day of week at simulated minute t (as <see cref="Scenario.HourOfDay(double)"/> and <see cref="Scenario.DayOfWeek(double)"/>).</summary>
    public (int Hour, int Day) HourAndDay(double t) =>
        (_scenario.HourOfDay(t), _scenario.DayOfWeek(t));

    /// <summary>Whether the zone is a hotspot (as <see cref="Zone.IsHotspot"/>, looked up once).</summary>
    public bool IsHotspot(int zone) => _hotspot[zone];

    /// <summary>The near-repeat component at time t (t not before the last update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NearRepeat(int zone, double t) =>
        _nearRepeat[zone] == 0 ? 0 : _nearRepeat[zone] * Math.Exp(-(t - _updatedAt[zone]) / _options.NearRepeatDecayMinutes);

    public double Forecast(int zone, double t) => BaseRate(zone, t) + NearRepeat(zone, t);

    /// <summary>Records an incident; returns the hotspot zones whose near-repeat risk rose, in ascending order.</summary>
    public List<int> OnIncident(Point2 location, double t) => [.. Record(location, t)];

    /// <summary>
    /// <see cref="OnIncident"/> for the kernel: the list returned is reused by the next call, so
    /// it must be read before another incident is recorded.
    /// </summary>
    internal List<int> Record(Point2 location, double t)
    {
        var raised = _raised;
        raised.Clear();
        if (_options.NearRepeatWeight <= 0)
        {
            return raised;
        }
        _hotspots.Within(location, _options.NearRepeatRadiusMetres, _near);
        foreach (var zone in _near)
        {
            if (_centroids[zone].DistanceTo(location) <= _options.NearRepeatRadiusMetres)
            {
                _nearRepeat[zone] = NearRepeat(zone, t) + _options.NearRepeatWeight;
                _updatedAt[zone] = t;
                raised.Add(zone);
            }
        }
        raised.Sort();
        return raised;
    }
}
