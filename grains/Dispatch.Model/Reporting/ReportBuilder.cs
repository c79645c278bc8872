using System.Globalization;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>Computes the report of a run from the kernel's records (definitions: docs/metrics.md).</summary>
public static partial class ReportBuilder
{
    // Called once per run, so tiered compilation would leave it unoptimised for a process's first
    // 30 runs: optimised at once instead (docs/performance.md).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Report Build(Simulator sim)
    {
        var scenario = sim.Scenario;
        var now = sim.Now;
        var ledger = sim.LedgerAtNow();
        var incidents = sim.Incidents.Where(i => i.CreatedAt >= sim.StatsFrom).ToList();
        var attended = incidents.Where(i => i.IsAttended).ToList();
        var dispatched = incidents.Where(i => !double.IsNaN(i.DispatchedAt)).ToList();
        var waitingAtEnd = incidents.Count(i => i.Outcome == IncidentOutcome.Queued);
        var waits = dispatched.Select(i => i.QueueWaitMinutes).ToList();
        var prevented = sim.Prevented.Sum();
        var escalating = incidents.Where(i => scenario.IncidentTypes[i.Type].Escalates).ToList();
        var patrolMinutes = sim.Units.Sum(u => u.MinutesIn(UnitStatus.Patrol, now));
        var hotspots = scenario.Zones.Where(z => z.IsHotspot).Select(z => z.Index).ToList();
        var hotspotIncidents = incidents.Where(i => scenario.Zones[i.Zone].IsHotspot).ToList();
        var incidentsFlagged = hotspotIncidents.Count(i => ledger.IsFlagged(i.Zone, i.CreatedAt));
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
                Total = incidents.Count,
                Attended = attended.Count,
                Cleared = incidents.Count(i => i.Outcome == IncidentOutcome.Cleared),
                Unattended = incidents.Count - attended.Count,
                Diverted = incidents.Count(i => i.Diverted),
                QueuedAtEnd = waitingAtEnd,
                DiscoveredOnView = incidents.Count(i => i.DiscoveredOnView),
                Escalated = incidents.Count(i => i.Escalated),
                Transferred = incidents.Count(i => i.Transferred),
                MediationResolved = incidents.Count(i => i.MediationResolved),
                Prevented = prevented,
                Preempted = scenario.Dispatch.Divert is null ? null : incidents.Count(i => i.Preemptions > 0),
            },
            ResponseMinutes = Response(attended),
            QueueWaitMinutes = new QueueStats
            {
                Mean = Round(Statistics.Mean(waits)),
                // Incidents still queued at the end have waited too.
                ProbWait = dispatched.Count + waitingAtEnd == 0 ? null
                    : Round((waits.Count(w => w > 0) + waitingAtEnd) / (double)(dispatched.Count + waitingAtEnd)),
                MeanQueueLength = Round(sim.MeanQueueLength),
            },
            TravelMinutes = new MeanStat { Mean = Round(Statistics.Mean(attended.Select(i => i.TravelMinutes).ToList())) },
            OnSceneMinutes = new MeanStat
            {
                Mean = Round(Statistics.Mean(incidents.Where(i => !double.IsNaN(i.ClearedAt)).Select(i => i.ClearedAt - i.ArrivedAt).ToList())),
            },
            CallHandlingMinutes = scenario.Dispatch.HasTimings
                ? new MeanStat { Mean = Round(Statistics.Mean(incidents.Where(i => !i.DiscoveredOnView).Select(i => i.CallHandlingMinutes).ToList())) }
                : null,
            TurnoutMinutes = scenario.Dispatch.HasTimings
                ? new MeanStat { Mean = Round(Statistics.Mean(attended.Select(i => i.TurnoutMinutes).ToList())) }
                : null,
            MultiUnit = MultiUnit(scenario, incidents),
            HandlingRate = HandlingRate(incidents, scenario),
            VisibilityRate = Ratio(hotspots.Sum(z => ledger.WeightedCovered[z]), hotspots.Sum(z => ledger.WeightTotal[z])),
            VisibilityRateNight = Ratio(ledger.NightWeightedCovered, ledger.NightWeightTotal),
            NightWindow = scenario.Night == NightWindow.Default ? null : scenario.Night.Label,
            VisibilityTimeShare = Ratio(hotspots.Sum(z => ledger.CoveredMinutes[z]), ledger.HotspotMinutes),
            PrecisionRate = Ratio(ledger.PatrolMinutesFlagged, patrolMinutes),
            Pai = hotspotIncidents.Count == 0 || ledger.FlaggedAreaTimeShare <= 0 ? null
                : Round(incidentsFlagged / (double)hotspotIncidents.Count / ledger.FlaggedAreaTimeShare),
            DiscoveryRate = Ratio(incidents.Count(i => i.DiscoveredOnView), incidents.Count),
            ControlRate = Ratio(escalating.Count(i => i.AttendedBeforeEscalation), escalating.Count),
            DeterrenceRate = Ratio(prevented, incidents.Count + prevented),
            Checks = sim.ChecksStarted,
            SchoolPosts = SchoolPosts(sim, ledger),
            Units = sim.Units.Select(u => UnitReport(u, scenario, now)).ToList(),
            Zones = Zones(sim, ledger, incidents),
            ByHour = Hours(scenario, ledger, incidents),
            ByPriority = scenario.Priorities.Select(p =>
            {
                var mine = incidents.Where(i => i.InitialPriority == p).ToList();
                var sorted = SortedResponses(mine, attendedOnly: true);
                return new PriorityReport
                {
                    Priority = p,
                    Incidents = mine.Count,
                    HandlingRate = HandlingRate(mine, scenario),
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
            ByKind = Kinds(scenario, ledger, incidents),
            Cost = Cost(scenario, sim.Units, now),
        };
    }

    /// <summary>The incidents of types that need two or more units: response to the first unit and to the full complement.</summary>
    private static MultiUnitReport? MultiUnit(Scenario scenario, List<IncidentRecord> incidents)
    {
        if (scenario.IncidentTypes.All(t => t.UnitsRequired <= 1))
        {
            return null;
        }
        var mine = incidents.Where(i => i.UnitsRequired > 1).ToList();
        var full = mine.Where(i => !double.IsNaN(i.FullComplementAt)).ToList();
        var fullSorted = full.Select(i => i.FullComplementMinutes).Order().ToArray();
        return new MultiUnitReport
        {
            Incidents = mine.Count,
            FullComplement = full.Count,
            FirstUnitMinutes = Response(mine.Where(i => i.IsAttended).ToList()),
            FullComplementMinutes = new ResponseStats
            {
                Mean = Round(Statistics.Mean(fullSorted)),
                P50 = Round(Statistics.Percentile(fullSorted, 0.50)),
                P90 = Round(Statistics.Percentile(fullSorted, 0.90)),
                P95 = Round(Statistics.Percentile(fullSorted, 0.95)),
                Within1 = Round(Statistics.ShareAtMost(fullSorted, 1)),
                Within3 = Round(Statistics.ShareAtMost(fullSorted, 3)),
                Within5 = Round(Statistics.ShareAtMost(fullSorted, 5)),
            },
        };
    }

    /// <summary>Response (call handling + queue + turnout + travel) statistics over attended incidents.</summary>
    public static ResponseStats Response(IReadOnlyCollection<IncidentRecord> attended)
    {
        var sorted = SortedResponses(attended, attendedOnly: false);
        return new ResponseStats
        {
            Mean = Round(Statistics.Mean(sorted)),
            P50 = Round(Statistics.Percentile(sorted, 0.50)),
            P90 = Round(Statistics.Percentile(sorted, 0.90)),
            P95 = Round(Statistics.Percentile(sorted, 0.95)),
            Within1 = Round(Statistics.ShareAtMost(sorted, 1)),
            Within3 = Round(Statistics.ShareAtMost(sorted, 3)),
            Within5 = Round(Statistics.ShareAtMost(sorted, 5)),
        };
    }

    /// <summary>
    /// The response minutes of the incidents (only the attended ones if asked), ascending: the same
    /// values in the same order as <c>Select(ResponseMinutes).Order()</c> without LINQ's index
    /// map. Array.Sort is not stable, but equal doubles cannot be told apart here: responses are
    /// never -0 (a difference x - y is +0 when equal), and NaN (not attended) comes first either way.
    /// </summary>
    private static double[] SortedResponses(IReadOnlyCollection<IncidentRecord> incidents, bool attendedOnly)
    {
        var sorted = new double[attendedOnly ? CountAttended(incidents) : incidents.Count];
        var n = 0;
        foreach (var i in incidents)
        {
            if (!attendedOnly || i.IsAttended)
            {
                sorted[n++] = i.ResponseMinutes;
            }
        }
        Array.Sort(sorted);
        return sorted;
    }

    private static int CountAttended(IReadOnlyCollection<IncidentRecord> incidents)
    {
        var count = 0;
        foreach (var i in incidents)
        {
            count += i.IsAttended ? 1 : 0;
        }
        return count;
    }

    /// <summary>Incidents attended within their type's target / all incidents; null for none.</summary>
    public static double? HandlingRate(IReadOnlyCollection<IncidentRecord> incidents, Scenario scenario)
    {
        if (incidents.Count == 0)
        {
            return null;
        }
        var types = scenario.IncidentTypes;
        var handled = 0;
        foreach (var i in incidents)
        {
            handled += i.IsAttended && i.ResponseMinutes <= types[i.Type].TargetResponseMinutes ? 1 : 0;
        }
        return Round(handled / (double)incidents.Count);
    }

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
