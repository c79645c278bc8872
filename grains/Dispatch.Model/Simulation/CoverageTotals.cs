namespace Dispatch.Model.Simulation;

/// <summary>Minutes with a unit visibly present: per zone, risk-weighted per zone and per hour of day, and at night (22:00-04:00).</summary>
internal sealed class CoverageTotals : ILedgerTotals<CoverageTotals>
{
    public CoverageTotals(int zones)
        : this(new double[zones], new double[zones], new double[zones], new double[24], 0)
    {
    }

    private CoverageTotals(double[] minutes, double[] weighted, double[] nightWeightedByZone, double[] weightedByHour, double nightWeighted)
    {
        Minutes = minutes;
        Weighted = weighted;
        NightWeightedByZone = nightWeightedByZone;
        WeightedByHour = weightedByHour;
        NightWeighted = nightWeighted;
    }

    /// <summary>Covered minutes, per zone.</summary>
    public double[] Minutes { get; }

    /// <summary>Covered minutes weighted by the zone's risk in each minute, per zone.</summary>
    public double[] Weighted { get; }

    /// <summary>Night risk-weighted covered minutes, per zone.</summary>
    public double[] NightWeightedByZone { get; }

    /// <summary>Risk-weighted covered minutes, per hour of day.</summary>
    public double[] WeightedByHour { get; }

    /// <summary>Night risk-weighted covered minutes, all zones.</summary>
    public double NightWeighted { get; private set; }

    /// <summary>Adds a piece of coverage of one zone within one slot (<paramref name="hour"/> of day, at night or not).</summary>
    public void Add(int zone, int hour, bool night, double minutes, double weighted)
    {
        Minutes[zone] += minutes;
        Weighted[zone] += weighted;
        WeightedByHour[hour] += weighted;
        if (night)
        {
            NightWeighted += weighted;
            NightWeightedByZone[zone] += weighted;
        }
    }

    public CoverageTotals Copy() =>
        new([.. Minutes], [.. Weighted], [.. NightWeightedByZone], [.. WeightedByHour], NightWeighted);
}
