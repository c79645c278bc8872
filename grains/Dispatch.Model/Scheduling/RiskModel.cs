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
    private readonly Zone[] _zones;
    private readonly bool[] _hotspot;
    private readonly Point2[] _centroids;
    private readonly double _startMinuteOfWeek;
    private readonly ZoneIndex _hotspots;
    private readonly PatrolOptions _options;
    private readonly double[] _nearRepeat;
    private readonly double[] _updatedAt;
    private readonly List<int> _raised = [];
    private readonly List<int> _near = [];

    public RiskModel(Scenario scenario, ZoneIndex hotspots)
    {
        _zones = [.. scenario.Zones];
        _hotspot = [.. _zones.Select(z => z.IsHotspot)];
        _centroids = [.. _zones.Select(z => z.Shape.Centroid)];
        _startMinuteOfWeek = scenario.StartMinuteOfWeek;
        _hotspots = hotspots;
        _options = scenario.Patrol;
        _nearRepeat = new double[_zones.Length];
        _updatedAt = new double[_zones.Length];
    }

    /// <summary>The zone's profile rate at time t, incidents per hour.</summary>
    public double BaseRate(int zone, double t) =>
        BaseRate(zone, Scenario.HourOfDay(_startMinuteOfWeek, t), Scenario.DayOfWeek(_startMinuteOfWeek, t));

    /// <summary>The zone's profile rate in the given hour of day and day of week (see <see cref="HourAndDay"/>).</summary>
    public double BaseRate(int zone, int hour, int day)
    {
        var z = _zones[zone];
        return z.RatePerHour * z.HourProfile[hour] * z.DayProfile[day];
    }

    /// <summary>The hour of day and day of week at simulated minute t (as <see cref="Scenario.HourOfDay(double)"/> and <see cref="Scenario.DayOfWeek(double)"/>).</summary>
    public (int Hour, int Day) HourAndDay(double t) =>
        (Scenario.HourOfDay(_startMinuteOfWeek, t), Scenario.DayOfWeek(_startMinuteOfWeek, t));

    /// <summary>Whether the zone is a hotspot (as <see cref="Zone.IsHotspot"/>, looked up once).</summary>
    public bool IsHotspot(int zone) => _hotspot[zone];

    /// <summary>The near-repeat component at time t (t not before the last update).</summary>
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
