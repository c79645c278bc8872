using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The expected number of incidents of a zone over a span of the run, without deterrence: the
/// integral of its rate (weekly profile times the calendar's factors), which is constant within a
/// clock hour. What the incident source draws from, in closed form (docs/demand.md).
/// </summary>
public static class ExpectedDemand
{
    /// <summary>Expected incidents of zone <paramref name="zone"/> in simulated minutes [from, to).</summary>
    public static double Between(Scenario scenario, int zone, double from, double to)
    {
        var z = scenario.Zones[zone];
        var offset = scenario.StartMinuteOfWeek % 60.0;
        var total = 0.0;
        var t = from;
        while (t < to)
        {
            // The end of the clock hour that holds t.
            var next = Math.Min(to, Math.Floor((t + offset) / 60.0 + 1e-12) * 60.0 + 60.0 - offset);
            var middle = (t + next) / 2;
            var perHour = z.RateAt(scenario.HourOfDay(middle), scenario.DayOfWeek(middle)) * scenario.DemandFactor(zone, middle);
            total += perHour * (next - t) / 60.0;
            t = next;
        }
        return total;
    }

    /// <summary>Expected incidents of the zone on day <paramref name="day"/> of the run (minutes 1440 d to 1440 (d + 1)).</summary>
    public static double OnDay(Scenario scenario, int zone, int day) => Between(scenario, zone, day * 1440.0, (day + 1) * 1440.0);
}
