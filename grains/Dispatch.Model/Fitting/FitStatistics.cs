namespace Dispatch.Model.Fitting;

/// <summary>
/// A zone's fit against its history: <c>HourResiduals</c>, the Pearson residuals (observed - fitted) /
/// sqrt(fitted) of its 24 hour-of-day totals, and <c>PearsonVsDistrict</c>, the Pearson X^2 of its
/// 168 cells against the district pattern alone (its own rate, the district's shape), over <c>Cells</c> cells.
/// </summary>
public sealed record ZoneResiduals(string Id, int Incidents, double RatePerHour, double[] HourResiduals, double MaxAbsHourResidual, double PearsonVsDistrict, int Cells);

/// <summary>
/// Goodness of fit of a <see cref="DemandFitResult"/> (docs/demand.md, "The fit report"): all zones'
/// incidents by hour of day and weekday, observed and fitted; <c>Deviance</c>, the Poisson deviance
/// 2 sum[n ln(n/m) - (n - m)] of the fitted model over the zone x hour-of-week cells;
/// <c>DistrictDeviance</c>, the same for the district pattern alone (every zone with the district's
/// shape), with <c>DistrictDegreesOfFreedom</c> = cells - zones - 167 (a deviance near it means the
/// zones share the district's shape).
/// </summary>
public sealed record FitStatistics(
    double[] ObservedByHour, double[] FittedByHour, double[] ObservedByDay, double[] FittedByDay,
    IReadOnlyList<ZoneResiduals> Zones, int Cells, double Deviance, double DistrictDeviance, int DistrictDegreesOfFreedom)
{
    /// <summary>Works out the statistics of a fit.</summary>
    public static FitStatistics Of(DemandFitResult fit)
    {
        double[] Sum(Func<ZoneFit, double[]> cells, int groups, Func<int, int> group)
        {
            var totals = new double[groups];
            foreach (var z in fit.Zones)
            {
                var values = cells(z);
                for (var k = 0; k < DemandFit.Cells; k++)
                {
                    totals[group(k)] += values[k];
                }
            }
            return totals;
        }
        var hours = fit.Hours;
        var deviance = 0.0;
        var districtDeviance = 0.0;
        var cells = 0;
        var zones = new List<ZoneResiduals>();
        foreach (var z in fit.Zones)
        {
            var lambda0 = z.Incidents / Enumerable.Range(0, DemandFit.Cells).Sum(k => fit.Exposure[k] * fit.DistrictProfile[k]);
            var pearson = 0.0;
            var used = 0;
            for (var k = 0; k < DemandFit.Cells; k++)
            {
                if (fit.Exposure[k] <= 0 || z.Incidents == 0)
                {
                    continue;
                }
                var m0 = lambda0 * fit.Exposure[k] * fit.DistrictProfile[k];
                deviance += PoissonDeviance(z.Observed[k], z.Fitted[k]);
                districtDeviance += PoissonDeviance(z.Observed[k], m0);
                pearson += m0 > 0 ? (z.Observed[k] - m0) * (z.Observed[k] - m0) / m0 : 0;
                used++;
            }
            cells += used;
            var byHourObserved = new double[24];
            var byHourFitted = new double[24];
            for (var k = 0; k < DemandFit.Cells; k++)
            {
                byHourObserved[k % 24] += z.Observed[k];
                byHourFitted[k % 24] += z.Fitted[k];
            }
            var residuals = Enumerable.Range(0, 24).Select(h => byHourFitted[h] > 0 ? (byHourObserved[h] - byHourFitted[h]) / Math.Sqrt(byHourFitted[h]) : 0).ToArray();
            zones.Add(new ZoneResiduals(z.Id, z.Incidents, z.RatePerHour, residuals, residuals.Select(Math.Abs).DefaultIfEmpty().Max(), pearson, used));
        }
        return new FitStatistics(
            Sum(z => z.Observed, 24, k => k % 24), Sum(z => z.Fitted, 24, k => k % 24),
            Sum(z => z.Observed, 7, k => k / 24), Sum(z => z.Fitted, 7, k => k / 24),
            zones, cells, deviance, districtDeviance, cells - zones.Count(z => z.Incidents > 0) - 167);
    }

    private static double PoissonDeviance(double n, double m) =>
        m <= 0 ? 0 : 2 * ((n > 0 ? n * Math.Log(n / m) : 0) - (n - m));
}
