using System.Globalization;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>Computes the report of a run from the kernel's records (definitions: docs/metrics.md).</summary>
public static partial class ReportBuilder
{
    public static Report Build(Simulator sim)
    {
        var scenario = sim.Scenario;
        var now = sim.Now;
        var ledger = sim.LedgerAtNow();
        var t = sim.IncidentTotalsNow();
        var prevented = sim.Prevented.Sum();
        var patrolMinutes = sim.Units.Sum(u => u.MinutesIn(UnitStatus.Patrol, now));
        var hotspots = scenario.Zones.Where(z => z.IsHotspot).Select(z => z.Index).ToList();
        return new Report
        {
            Scenario = scenario.Name,
            Seed = sim.Seed,
            Replications = 1,
            SimulatedDays = Round(now / 1440.0),
            WarmupDays = Round(sim.StatsFrom / 1440.0),
            Start = scenario.Start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            DispatchPolicy = scenario.Dispatch.Policy,
            PatrolPolicy = sim.PatrolPolicy.Name,
            Incidents = new IncidentCounts
            {
                Total = t.Total,
                Attended = t.Attended,
                Cleared = t.Cleared,
                Unattended = t.Total - t.Attended,
                Diverted = t.Diverted,
                QueuedAtEnd = t.QueuedAtEnd,
                DiscoveredOnView = t.DiscoveredOnView,
                Escalated = t.Escalated,
                Transferred = t.Transferred,
                MediationResolved = t.MediationResolved,
                Prevented = prevented,
                Preempted = scenario.Dispatch.Divert is null ? null : t.Preempted,
            },
            ResponseMinutes = Response(t.SortedResponses()),
            QueueWaitMinutes = new QueueStats
            {
                Mean = Round(Mean(t.WaitSum, t.Dispatched)),
                // Incidents still queued at the end have waited too.
                ProbWait = t.Dispatched + t.QueuedAtEnd == 0 ? null
                    : Round((t.Waited + t.QueuedAtEnd) / (double)(t.Dispatched + t.QueuedAtEnd)),
                MeanQueueLength = Round(sim.MeanQueueLength),
            },
            TravelMinutes = new MeanStat { Mean = Round(Mean(t.TravelSum, t.Attended)) },
            OnSceneMinutes = new MeanStat
            {
                Mean = Round(Mean(t.OnSceneSum, t.OnSceneCount)),
            },
            CallHandlingMinutes = scenario.Dispatch.HasTimings
                ? new MeanStat { Mean = Round(Mean(t.CallHandlingSum, t.CallHandled)) }
                : null,
            TurnoutMinutes = scenario.Dispatch.HasTimings
                ? new MeanStat { Mean = Round(Mean(t.TurnoutSum, t.Attended)) }
                : null,
            MultiUnit = MultiUnit(scenario, t),
            HandlingRate = HandlingRate(t.Handled, t.Total),
            VisibilityRate = Ratio(hotspots.Sum(z => ledger.WeightedCovered[z]), hotspots.Sum(z => ledger.WeightTotal[z])),
            VisibilityRateNight = Ratio(ledger.NightWeightedCovered, ledger.NightWeightTotal),
            NightWindow = scenario.Night == NightWindow.Default ? null : scenario.Night.Label,
            VisibilityTimeShare = Ratio(hotspots.Sum(z => ledger.CoveredMinutes[z]), ledger.HotspotMinutes),
            PrecisionRate = Ratio(ledger.PatrolMinutesFlagged, patrolMinutes),
            Pai = t.HotspotIncidents == 0 || ledger.FlaggedAreaTimeShare <= 0 ? null
                : Round(t.FlaggedIncidents / (double)t.HotspotIncidents / ledger.FlaggedAreaTimeShare),
            DiscoveryRate = Ratio(t.DiscoveredOnView, t.Total),
            ControlRate = Ratio(t.Controlled, t.Escalating),
            DeterrenceRate = Ratio(prevented, t.Total + prevented),
            Checks = sim.ChecksStarted,
            SchoolPosts = SchoolPosts(sim, ledger),
            Units = sim.Units.Select(u => UnitReport(u, scenario, now)).ToList(),
            Zones = Zones(sim, ledger, t),
            ByHour = Hours(ledger, t),
            ByPriority = t.Priorities.Select((p, k) =>
            {
                var sorted = t.SortedResponses(k);
                return new PriorityReport
                {
                    Priority = p,
                    Incidents = t.ByPriority[k].Count,
                    HandlingRate = HandlingRate(t.ByPriority[k].Handled, t.ByPriority[k].Count),
                    TargetMinutes = scenario.IncidentTypes.Where(t => t.Priority == p).Select(t => t.TargetResponseMinutes).Distinct().ToList() is [var only] ? only : null,
                    ResponseMinutes = new PriorityResponse
                    {
                        Mean = Round(Statistics.Mean(sorted)),
                        P90 = Round(Statistics.Percentile(sorted, 0.9)),
                    },
                };
            }).ToList(),
            ByMode = Enum.GetValues<UnitMode>()
                .Where(m => scenario.Units.Any(u => u.Mode == m))
                .Select(m => ModeReport(m, sim.Units.Where(u => u.Spec.Mode == m).ToList(), now))
                .ToList(),
            ByKind = Kinds(scenario, ledger, t),
            Cost = Cost(scenario, sim.Units, now),
        };
    }

    /// <summary>The incidents of types that need two or more units: response to the first unit and to the full complement.</summary>
    private static MultiUnitReport? MultiUnit(Scenario scenario, IncidentTotals t)
    {
        if (scenario.IncidentTypes.All(t => t.UnitsRequired <= 1))
        {
            return null;
        }
        var firstSorted = t.MultiFirst.ToArray();
        Array.Sort(firstSorted);
        var fullSorted = t.MultiFull.ToArray();
        Array.Sort(fullSorted);
        return new MultiUnitReport
        {
            Incidents = t.MultiIncidents,
            FullComplement = fullSorted.Length,
            FirstUnitMinutes = Response(firstSorted),
            FullComplementMinutes = Response(fullSorted),
        };
    }

    /// <summary>Response statistics over ascending response minutes (those of attended incidents).</summary>
    /// <remarks>
    /// The mean is summed over the sorted values, as it always was. Array.Sort is not stable, but
    /// equal doubles cannot be told apart here: responses are never -0 (a difference x - y is +0 when
    /// equal), so the sorted array is the same whatever order the values were gathered in.
    /// </remarks>
    public static ResponseStats Response(double[] sorted) => new()
    {
        Mean = Round(Statistics.Mean(sorted)),
        P50 = Round(Statistics.Percentile(sorted, 0.50)),
        P90 = Round(Statistics.Percentile(sorted, 0.90)),
        P95 = Round(Statistics.Percentile(sorted, 0.95)),
        Within1 = Round(Statistics.ShareAtMost(sorted, 1)),
        Within3 = Round(Statistics.ShareAtMost(sorted, 3)),
        Within5 = Round(Statistics.ShareAtMost(sorted, 5)),
    };

    /// <summary>The mean of values summed (in id order) to <paramref name="sum"/>: the same number as <see cref="Statistics.Mean"/> of the values.</summary>
    private static double? Mean(double sum, int count) => count == 0 ? null : sum / count;

    /// <summary>Incidents attended within their type's target / all incidents; null for none.</summary>
    public static double? HandlingRate(int handled, int incidents) => incidents == 0 ? null : Round(handled / (double)incidents);

    private static SchoolPostReport? SchoolPosts(Simulator sim, PresenceLedger ledger)
    {
        var school = sim.Scenario.SchoolPosts;
        if (school is null)
        {
            return null;
        }
        var schoolDays = sim.SchoolWindowsStarted / (double)Math.Max(1, school.Windows.Count);
        return new SchoolPostReport
        {
            Posts = sim.Scenario.Zones.Count(z => z.IsHotspot && z.Kind == school.ZoneKind),
            Windows = sim.SchoolWindowsStarted,
            Postings = sim.SchoolPostings,
            PostingsPerSchoolDay = schoolDays > 0 ? Round(sim.SchoolPostings / schoolDays) : null,
            RequiredPostMinutes = Round(ledger.SchoolRequiredMinutes.Sum()),
            StaffedPostMinutes = Round(ledger.SchoolStaffedMinutes.Sum()),
            StaffedShare = Ratio(ledger.SchoolStaffedMinutes.Sum(), ledger.SchoolRequiredMinutes.Sum()),
            ByHour = Enumerable.Range(0, 24).Where(h => ledger.SchoolRequiredMinutes[h] > 0 || ledger.SchoolStaffedMinutes[h] > 0)
                .Select(h => new SchoolHourReport
                {
                    Hour = h,
                    RequiredPostMinutes = Round(ledger.SchoolRequiredMinutes[h]),
                    StaffedPostMinutes = Round(ledger.SchoolStaffedMinutes[h]),
                    StaffedShare = Ratio(ledger.SchoolStaffedMinutes[h], ledger.SchoolRequiredMinutes[h]),
                }).ToList(),
        };
    }

    /// <summary>A unit's row of the report (and of units.csv) at <paramref name="now"/>; also what its unit grain shows.</summary>
    public static UnitReport UnitReport(UnitState u, Scenario scenario, double now)
    {
        var available = u.MinutesIn(UnitStatus.Available, now);
        var enRoute = u.MinutesIn(UnitStatus.EnRoute, now);
        var onScene = u.MinutesIn(UnitStatus.OnScene, now);
        var offShift = u.MinutesIn(UnitStatus.OffShift, now);
        var onDuty = Enum.GetValues<UnitStatus>().Sum(s => u.MinutesIn(s, now)) - offShift;
        return new UnitReport
        {
            Id = u.Spec.Id,
            Mode = ModeName(u.Spec.Mode),
            Station = scenario.Stations[u.Spec.StationIndex].Id,
            Dispatches = u.Dispatches,
            Utilisation = onDuty > 0 ? Round((enRoute + onScene) / onDuty) : null,
            Minutes = new UnitMinutes
            {
                Patrol = Round(u.MinutesIn(UnitStatus.Patrol, now)),
                Post = Round((u.Spec.HasPost ? available : 0) + u.MinutesIn(UnitStatus.SchoolPost, now) + u.MinutesIn(UnitStatus.CommandPost, now)),
                Check = Round(u.MinutesIn(UnitStatus.Check, now)),
                Idle = Round(u.Spec.HasPost ? 0 : available),
                EnRoute = Round(enRoute),
                OnScene = Round(onScene),
                Returning = Round(u.MinutesIn(UnitStatus.Returning, now)),
                OffShift = Round(offShift),
            },
        };
    }

    private static ModeReport ModeReport(UnitMode mode, List<UnitState> units, double now)
    {
        var busy = units.Sum(u => u.MinutesIn(UnitStatus.EnRoute, now) + u.MinutesIn(UnitStatus.OnScene, now));
        var onDuty = units.Sum(u => Enum.GetValues<UnitStatus>().Sum(s => u.MinutesIn(s, now)) - u.MinutesIn(UnitStatus.OffShift, now));
        return new ModeReport
        {
            Mode = ModeName(mode),
            Units = units.Count,
            Dispatches = units.Sum(u => u.Dispatches),
            Utilisation = onDuty > 0 ? Round(busy / onDuty) : null,
        };
    }

    public static string ModeName(UnitMode mode) => mode.ToString().ToLowerInvariant();

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? Round(numerator / denominator) : null;

    /// <summary>Rounds to 6 decimals so reports are readable; the same everywhere, so reproducible.</summary>
    public static double Round(double value) => Math.Round(value, 6);

    public static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;
}
