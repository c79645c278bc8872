using System.Globalization;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// Sizes beyond which a scenario is refused with a clear error before anything big is allocated
/// (docs/scenario-format.md section 6).
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest scenario or GeoJSON file read, in bytes (64 MiB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Deepest nesting of JSON objects and arrays.</summary>
    public const int MaxJsonDepth = 64;

    public const int MaxDays = 3650;
    public const int MaxStations = 10_000;
    public const int MaxIncidentTypes = 200;

    /// <summary>Zones, inline and GeoJSON together.</summary>
    public const int MaxZones = 20_000;

    public const int MaxPolygonPoints = 10_000;

    /// <summary>Units after <c>count</c> expansion, regular and surge together.</summary>
    public const int MaxUnits = 20_000;

    public const double MaxRatePerHour = 1000;

    /// <summary>Largest |x| or |y| of a point, in metres (100,000 km: room for any projected coordinates).</summary>
    public const double MaxCoordinate = 100_000_000;

    /// <summary>Largest hour or day multiplier.</summary>
    public const double MaxMultiplier = 1000;

    /// <summary>
    /// Candidate incidents of one replication: the sum over zones of ratePerHour x the largest hour
    /// multiplier x the largest day multiplier x 24 x days (what the arrival process draws).
    /// </summary>
    public const double MaxCandidatesPerReplication = 10_000_000;

    /// <summary>Expected incidents over all replications of a run (rows of incidents.csv).</summary>
    public const double MaxIncidentsPerRun = 20_000_000;

    public const int MaxReplications = 10_000;

    /// <summary>Candidate incidents per replication over <paramref name="days"/> days.</summary>
    public static double Candidates(IEnumerable<Zone> zones, double days) =>
        zones.Sum(z => z.WeekProfile is null ? z.RatePerHour * z.HourProfile.Max() * z.DayProfile.Max() : z.RatePerHour * z.PeakMultiplier) * 24 * days;

    /// <summary>Expected incidents per replication over <paramref name="days"/> days (section 3 of the format).</summary>
    public static double ExpectedIncidents(IEnumerable<Zone> zones, double days) =>
        zones.Sum(z => z.WeekProfile is null ? z.RatePerHour * z.HourProfile.Sum() * z.DayProfile.Sum() / 7 : z.RatePerHour * z.MeanMultiplier * 24) * days;

    /// <summary>
    /// Checks the size of a run of <paramref name="scenario"/> over <paramref name="days"/> days and
    /// <paramref name="replications"/> replications; returns the problems (errors) found, at
    /// <paramref name="location"/>.
    /// </summary>
    public static List<ScenarioProblem> CheckRunSize(Scenario scenario, int days, int replications, string location) =>
        CheckRunSize(scenario.Zones, days, replications, location);

    /// <summary>As above, for the zones of a scenario.</summary>
    public static List<ScenarioProblem> CheckRunSize(IEnumerable<Zone> zones, int days, int replications, string location)
    {
        var problems = new List<ScenarioProblem>();
        var candidates = Candidates(zones, days);
        if (!(candidates <= MaxCandidatesPerReplication))
        {
            problems.Add(new(ProblemSeverity.Error, location,
                $"over {days} days the zones would draw about {Count(candidates)} candidate incidents per replication (sum over zones of " +
                $"ratePerHour x largest hour multiplier x largest day multiplier x 24 x days); the limit is {Count(MaxCandidatesPerReplication)}: " +
                "shorten the run or lower the rates"));
            return problems;
        }
        var total = ExpectedIncidents(zones, days) * replications;
        if (!(total <= MaxIncidentsPerRun))
        {
            problems.Add(new(ProblemSeverity.Error, location,
                $"{replications} replication(s) of {days} days would produce about {Count(total)} incidents; the limit is " +
                $"{Count(MaxIncidentsPerRun)} per run: use fewer replications or days"));
        }
        return problems;
    }

    public static string Count(double value) => double.IsFinite(value) && value < 1e15 ? value.ToString("N0", CultureInfo.InvariantCulture) : "an unbounded number of";
}
