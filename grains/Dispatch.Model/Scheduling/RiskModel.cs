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
    private readonly Scenario _scenario;
    private readonly ZoneIndex _hotspots;
    private readonly PatrolOptions _options;
    private readonly double[] _nearRepeat;
    private readonly double[] _updatedAt;

    public RiskModel(Scenario scenario, ZoneIndex hotspots)
    {
        _scenario = scenario;
        _hotspots = hotspots;
        _options = scenario.Patrol;
        _nearRepeat = new double[scenario.Zones.Count];
        _updatedAt = new double[scenario.Zones.Count];
    }

    /// <summary>The zone's profile rate at time t, incidents per hour.</summary>
    public double BaseRate(int zone, double t)
    {
        var z = _scenario.Zones[zone];
        return z.RatePerHour * z.HourProfile[_scenario.HourOfDay(t)] * z.DayProfile[_scenario.DayOfWeek(t)];
    }

    /// <summary>The near-repeat component at time t (t not before the last update).</summary>
    public double NearRepeat(int zone, double t) =>
        _nearRepeat[zone] == 0 ? 0 : _nearRepeat[zone] * Math.Exp(-(t - _updatedAt[zone]) / _options.NearRepeatDecayMinutes);

    public double Forecast(int zone, double t) => BaseRate(zone, t) + NearRepeat(zone, t);

    /// <summary>Records an incident; returns the hotspot zones whose near-repeat risk rose.</summary>
    public List<int> OnIncident(Point2 location, double t)
    {
        var raised = new List<int>();
        if (_options.NearRepeatWeight <= 0)
        {
            return raised;
        }
        foreach (var zone in _hotspots.Within(location, _options.NearRepeatRadiusMetres))
        {
            if (_scenario.Zones[zone].Shape.Centroid.DistanceTo(location) <= _options.NearRepeatRadiusMetres)
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
