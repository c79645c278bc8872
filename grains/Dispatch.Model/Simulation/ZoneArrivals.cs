using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Non-homogeneous Poisson arrivals of one zone by thinning (Lewis and Shedler): candidates at the
/// peak rate, each kept with probability rate(t) / peak. One stream for the arrival times and one
/// for the incident's attributes, both named by zone id (common random numbers across scenarios).
/// </summary>
public sealed class ZoneArrivals
{
    // The zone's rate per minute (RatePerHour / 60, the first step of RateAt's product) and its
    // profiles, kept here so that a candidate does not go through the zone record.
    private readonly double _ratePerMinute;
    private readonly double[] _hourProfile;
    private readonly double[] _dayProfile;
    private readonly double[]? _weekProfile;
    private readonly (double From, double To, double Factor)[] _calendar;
    private readonly RandomStream _times;
    private readonly double _peakPerMinute;
    private readonly Scenario _scenario;

    public ZoneArrivals(Scenario scenario, Zone zone, StreamFactory streams)
    {
        _ratePerMinute = zone.RatePerHour / 60.0;
        _hourProfile = zone.HourProfile;
        _dayProfile = zone.DayProfile;
        _times = streams.Create("arrivals/", zone.Id);
        Attributes = streams.Create("incident/", zone.Id);
        Service = streams.Create("service/", zone.Id);
        Timings = scenario.Dispatch.HasTimings ? streams.Create("timings/", zone.Id) : null;
        _scenario = scenario;
        _weekProfile = zone.WeekProfile;
        _calendar = [.. scenario.Calendar.Where(c => c.Zones.Contains(zone.Index)).Select(c => c.Minutes(scenario.Start) is var (from, to) ? (from, to, c.Demand) : default)];
        _peakPerMinute = zone.WeekProfile is null && _calendar.Length == 0
            ? zone.RatePerHour / 60.0 * zone.HourProfile.Max() * zone.DayProfile.Max()
            : zone.RatePerHour / 60.0 * zone.PeakMultiplier * _calendar.Aggregate(1.0, (p, c) => p * Math.Max(1, c.Factor));
    }

    /// <summary>Stream for incident type and location.</summary>
    public RandomStream Attributes { get; }

    /// <summary>Stream for on-scene durations.</summary>
    public RandomStream Service { get; }

    /// <summary>Stream for call-handling and turnout times (null when the scenario has none, so other streams are untouched).</summary>
    public RandomStream? Timings { get; }

    /// <summary>Rate in incidents per minute at simulated minute t (the weekly profile, times the calendar's factors).</summary>
    public double RateAt(double t)
    {
        var (hour, day) = (_scenario.HourOfDay(t), _scenario.DayOfWeek(t));
        var rate = _ratePerMinute * _hourProfile[hour] * _dayProfile[day];
        if (_weekProfile is not null)
        {
            rate *= _weekProfile[day * 24 + hour];
        }
        foreach (var (from, to, factor) in _calendar)
        {
            if (t >= from && t < to)
            {
                rate *= factor;
            }
        }
        return rate;
    }

    /// <summary>The next candidate time after <paramref name="t"/>, or +infinity if the zone is silent.</summary>
    public double NextCandidate(double t) =>
        _peakPerMinute > 0 ? t - Math.Log(_times.NextOpenDouble()) / _peakPerMinute : double.PositiveInfinity;

    /// <summary>The uniform that decides a candidate (drawn once per candidate, whatever deterrence does).</summary>
    public double DrawAcceptance() => _times.NextDouble();

    /// <summary>Whether a candidate with uniform <paramref name="u"/> is an arrival at the given rate per minute.</summary>
    public bool Accepts(double u, double ratePerMinute) => u * _peakPerMinute < ratePerMinute;
}
