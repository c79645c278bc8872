using System.Globalization;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>Computes the report of one finished (or paused) run from the kernel's records.</summary>
public static class ReportBuilder
{
    public static Report Build(Simulator sim)
    {
        var scenario = sim.Scenario;
        var now = sim.Now;
        var incidents = sim.Incidents;
        var attended = incidents.Where(i => i.IsAttended).ToList();
        var dispatched = incidents.Where(i => !double.IsNaN(i.DispatchedAt)).ToList();
        var waitingAtEnd = incidents.Count(i => i.Outcome == IncidentOutcome.Queued);
        var waits = dispatched.Select(i => i.QueueWaitMinutes).ToList();
        var units = sim.Units.Select(u => UnitReport(u, scenario, now)).ToList();
        return new Report
        {
            Scenario = scenario.Name,
            Seed = sim.Seed,
            Replications = 1,
            SimulatedDays = Round(now / 1440.0),
            Start = scenario.Start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            DispatchPolicy = "nearest-available",
            Incidents = new IncidentCounts
            {
                Total = incidents.Count,
                Attended = attended.Count,
                Cleared = incidents.Count(i => i.Outcome == IncidentOutcome.Cleared),
                Unattended = incidents.Count - attended.Count,
                Diverted = incidents.Count(i => i.Diverted),
                QueuedAtEnd = waitingAtEnd,
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
            HandlingRate = HandlingRate(incidents, scenario),
            Units = units,
            Zones = scenario.Zones.Select(z =>
            {
                var mine = incidents.Where(i => i.Zone == z.Index).ToList();
                return new ZoneReport
                {
                    Id = z.Id,
                    Kind = z.Kind,
                    Incidents = mine.Count,
                    ResponseMinutesMean = MeanResponse(mine),
                    HandlingRate = HandlingRate(mine, scenario),
                };
            }).ToList(),
            ByHour = Enumerable.Range(0, 24).Select(h =>
            {
                var mine = incidents.Where(i => scenario.HourOfDay(i.CreatedAt) == h).ToList();
                return new HourReport
                {
                    Hour = h,
                    Incidents = mine.Count,
                    ResponseMinutesMean = MeanResponse(mine),
                    HandlingRate = HandlingRate(mine, scenario),
                };
            }).ToList(),
            ByPriority = scenario.Priorities.Select(p =>
            {
                var mine = incidents.Where(i => i.Priority == p).ToList();
                var sorted = mine.Where(i => i.IsAttended).Select(i => i.ResponseMinutes).Order().ToList();
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
        };
    }

    /// <summary>Response (queue + travel) statistics over attended incidents.</summary>
    public static ResponseStats Response(IReadOnlyCollection<IncidentRecord> attended)
    {
        var sorted = attended.Select(i => i.ResponseMinutes).Order().ToList();
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

    /// <summary>Incidents attended within their type's target / all incidents; null for none.</summary>
    public static double? HandlingRate(IReadOnlyCollection<IncidentRecord> incidents, Scenario scenario) =>
        incidents.Count == 0 ? null
        : Round(incidents.Count(i => i.IsAttended && i.ResponseMinutes <= scenario.IncidentTypes[i.Type].TargetResponseMinutes) / (double)incidents.Count);

    private static double? MeanResponse(IEnumerable<IncidentRecord> incidents) =>
        Round(Statistics.Mean(incidents.Where(i => i.IsAttended).Select(i => i.ResponseMinutes).ToList()));

    private static UnitReport UnitReport(UnitState u, Scenario scenario, double now)
    {
        var available = u.MinutesIn(UnitStatus.Available, now);
        var enRoute = u.MinutesIn(UnitStatus.EnRoute, now);
        var onScene = u.MinutesIn(UnitStatus.OnScene, now);
        var offShift = u.MinutesIn(UnitStatus.OffShift, now);
        var onDuty = now - offShift;
        return new UnitReport
        {
            Id = u.Spec.Id,
            Mode = ModeName(u.Spec.Mode),
            Station = scenario.Stations[u.Spec.StationIndex].Id,
            Dispatches = u.Dispatches,
            Utilisation = onDuty > 0 ? Round((enRoute + onScene) / onDuty) : null,
            Minutes = new UnitMinutes
            {
                Patrol = 0,
                Post = Round(u.Spec.HasPost ? available : 0),
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
        var onDuty = units.Sum(u => now - u.MinutesIn(UnitStatus.OffShift, now));
        return new ModeReport
        {
            Mode = ModeName(mode),
            Units = units.Count,
            Dispatches = units.Sum(u => u.Dispatches),
            Utilisation = onDuty > 0 ? Round(busy / onDuty) : null,
        };
    }

    public static string ModeName(UnitMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Rounds to 6 decimals so reports are readable; the same everywhere, so reproducible.</summary>
    public static double Round(double value) => Math.Round(value, 6);

    public static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;
}
