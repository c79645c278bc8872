using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// What the report needs of a run's counted incidents (created after the warm-up), folded in one
/// incident at a time in id order, so the kernel keeps no record of a finished incident: counts and
/// sums overall and per zone, hour of day, zone kind and priority, and compact arrays of the
/// response minutes (and of the multi-unit figures) for the exact percentiles. Sums are added in
/// id order, as the report always summed them, so every figure is the same number to the last bit
/// (docs/performance.md, "Memory of long runs").
/// </summary>
public sealed class IncidentTotals
{
    /// <summary>Counts and sums of one group of incidents (a zone, an hour, a kind, a priority).</summary>
    public struct Group
    {
        /// <summary>Incidents in the group.</summary>
        public int Count;
        /// <summary>Incidents attended (a unit arrived).</summary>
        public int Attended;
        /// <summary>Response minutes of the attended ones, summed in id order.</summary>
        public double ResponseSum;
        /// <summary>Attended within their type's target.</summary>
        public int Handled;

        internal void Add(IncidentRecord i, bool handled)
        {
            Count++;
            if (i.IsAttended)
            {
                Attended++;
                ResponseSum += i.ResponseMinutes;
            }
            Handled += handled ? 1 : 0;
        }
    }

    private const byte NoPriority = byte.MaxValue;

    private readonly Scenario _scenario;
    private readonly PresenceLedger _ledger;
    private readonly int[] _kindOfZone;

    /// <summary>Totals of no incident yet for a run of <paramref name="scenario"/> counted from <paramref name="statsFrom"/>.</summary>
    public IncidentTotals(Scenario scenario, PresenceLedger ledger, double statsFrom)
    {
        _scenario = scenario;
        _ledger = ledger;
        StatsFrom = statsFrom;
        Kinds = [.. scenario.Zones.Select(z => z.Kind).Distinct().Order(StringComparer.Ordinal)];
        _kindOfZone = [.. scenario.Zones.Select(z => Array.IndexOf(Kinds, z.Kind))];
        Priorities = [.. scenario.Priorities];
        ByZone = new Group[scenario.Zones.Count];
        ByHour = new Group[24];
        ByKind = new Group[Kinds.Length];
        ByPriority = new Group[Priorities.Length];
        ZoneHourCounts = new int[scenario.Zones.Count * 24];
        ZoneTypeCounts = new int[scenario.Zones.Count * scenario.IncidentTypes.Count];
    }

    private IncidentTotals(IncidentTotals o)
    {
        (_scenario, _ledger, _kindOfZone, StatsFrom, Kinds, Priorities) =
            (o._scenario, o._ledger, o._kindOfZone, o.StatsFrom, o.Kinds, o.Priorities);
        (ByZone, ByHour, ByKind, ByPriority) = ([.. o.ByZone], [.. o.ByHour], [.. o.ByKind], [.. o.ByPriority]);
        (ZoneHourCounts, ZoneTypeCounts) = ([.. o.ZoneHourCounts], [.. o.ZoneTypeCounts]);
        (Responses, ResponsePriority, ResponseZone, MultiFirst, MultiFull) = (o.Responses.Copy(), o.ResponsePriority.Copy(), o.ResponseZone.Copy(), o.MultiFirst.Copy(), o.MultiFull.Copy());
        (Total, Attended, Cleared, Diverted, QueuedAtEnd, DiscoveredOnView, Escalated, Transferred, MediationResolved, Preempted, Handled) =
            (o.Total, o.Attended, o.Cleared, o.Diverted, o.QueuedAtEnd, o.DiscoveredOnView, o.Escalated, o.Transferred, o.MediationResolved, o.Preempted, o.Handled);
        (Dispatched, Waited, WaitSum, TravelSum, TurnoutSum, OnSceneCount, OnSceneSum, CallHandled, CallHandlingSum) =
            (o.Dispatched, o.Waited, o.WaitSum, o.TravelSum, o.TurnoutSum, o.OnSceneCount, o.OnSceneSum, o.CallHandled, o.CallHandlingSum);
        (HotspotIncidents, FlaggedIncidents, Escalating, Controlled, MultiIncidents) =
            (o.HotspotIncidents, o.FlaggedIncidents, o.Escalating, o.Controlled, o.MultiIncidents);
    }

    /// <summary>Start of the statistics: incidents created before are not counted.</summary>
    public double StatsFrom { get; }

    /// <summary>The zone kinds in ordinal order (the groups of <see cref="ByKind"/>).</summary>
    public string[] Kinds { get; }

    /// <summary>The priorities in ascending order (the groups of <see cref="ByPriority"/>, by initial priority).</summary>
    public int[] Priorities { get; }

    /// <summary>Per zone, hour of day of creation, zone kind and initial priority.</summary>
    public Group[] ByZone { get; }
    /// <summary>Per hour of day of creation.</summary>
    public Group[] ByHour { get; }
    /// <summary>Per zone kind (<see cref="Kinds"/>).</summary>
    public Group[] ByKind { get; }
    /// <summary>Per initial priority (<see cref="Priorities"/>).</summary>
    public Group[] ByPriority { get; }

    /// <summary>Incidents per zone and hour of day (zone x 24 + hour), for the zone grains.</summary>
    public int[] ZoneHourCounts { get; }

    /// <summary>Incidents per zone and type (zone x types + type), for the zone grains.</summary>
    public int[] ZoneTypeCounts { get; }

    /// <summary>Response minutes of the attended incidents, in id order.</summary>
    public CompactList<double> Responses { get; } = new();

    /// <summary>The index in <see cref="Priorities"/> of each of <see cref="Responses"/>.</summary>
    public CompactList<byte> ResponsePriority { get; } = new();

    /// <summary>The zone of each of <see cref="Responses"/>.</summary>
    public CompactList<int> ResponseZone { get; } = new();

    /// <summary>Response to the first unit of the attended incidents that need two or more units.</summary>
    public CompactList<double> MultiFirst { get; } = new();

    /// <summary>Response to the full complement of the incidents that need two or more units and got it.</summary>
    public CompactList<double> MultiFull { get; } = new();

#pragma warning disable CS1591 // plain counts, named as in report.json
    public int Total, Attended, Cleared, Diverted, QueuedAtEnd, DiscoveredOnView, Escalated, Transferred, MediationResolved, Preempted, Handled;
    public int Dispatched, Waited, OnSceneCount, CallHandled, HotspotIncidents, FlaggedIncidents, Escalating, Controlled, MultiIncidents;
    public double WaitSum, TravelSum, TurnoutSum, OnSceneSum, CallHandlingSum;
#pragma warning restore CS1591

    /// <summary>A copy to fold more incidents into (the open ones, for a report now) without changing these.</summary>
    public IncidentTotals Copy() => new(this);

    /// <summary>Folds in one incident as it stands (ignored when created before <see cref="StatsFrom"/>). Call in id order.</summary>
    public void Add(IncidentRecord i)
    {
        if (i.CreatedAt < StatsFrom)
        {
            return;
        }
        var type = _scenario.IncidentTypes[i.Type];
        var attended = i.IsAttended;
        var handled = attended && i.ResponseMinutes <= type.TargetResponseMinutes;
        var outcome = i.Outcome;
        Total++;
        Attended += attended ? 1 : 0;
        Handled += handled ? 1 : 0;
        Cleared += outcome == IncidentOutcome.Cleared ? 1 : 0;
        QueuedAtEnd += outcome == IncidentOutcome.Queued ? 1 : 0;
        Diverted += i.Diverted ? 1 : 0;
        DiscoveredOnView += i.DiscoveredOnView ? 1 : 0;
        Escalated += i.Escalated ? 1 : 0;
        Transferred += i.Transferred ? 1 : 0;
        MediationResolved += i.MediationResolved ? 1 : 0;
        Preempted += i.Preemptions > 0 ? 1 : 0;
        if (!double.IsNaN(i.DispatchedAt))
        {
            var wait = i.QueueWaitMinutes;
            Dispatched++;
            WaitSum += wait;
            Waited += wait > 0 ? 1 : 0;
        }
        var priority = Array.IndexOf(Priorities, i.InitialPriority);
        if (attended)
        {
            TravelSum += i.TravelMinutes;
            TurnoutSum += i.TurnoutMinutes;
            Responses.Add(i.ResponseMinutes);
            ResponsePriority.Add(priority < 0 ? NoPriority : (byte)priority);
            ResponseZone.Add(i.Zone);
        }
        if (!double.IsNaN(i.ClearedAt))
        {
            OnSceneCount++;
            OnSceneSum += i.ClearedAt - i.ArrivedAt;
        }
        if (!i.DiscoveredOnView)
        {
            CallHandled++;
            CallHandlingSum += i.CallHandlingMinutes;
        }
        if (_scenario.Zones[i.Zone].IsHotspot)
        {
            HotspotIncidents++;
            FlaggedIncidents += _ledger.IsFlagged(i.Zone, i.CreatedAt) ? 1 : 0;
        }
        if (type.Escalates)
        {
            Escalating++;
            Controlled += i.AttendedBeforeEscalation ? 1 : 0;
        }
        if (i.UnitsRequired > 1)
        {
            MultiIncidents++;
            if (attended)
            {
                MultiFirst.Add(i.ResponseMinutes);
            }
            if (!double.IsNaN(i.FullComplementAt))
            {
                MultiFull.Add(i.FullComplementMinutes);
            }
        }
        var hour = _scenario.HourOfDay(i.CreatedAt);
        ByZone[i.Zone].Add(i, handled);
        ByHour[hour].Add(i, handled);
        ByKind[_kindOfZone[i.Zone]].Add(i, handled);
        if (priority >= 0)
        {
            // An injected incident of a priority no type has is in no priority's row, as before.
            ByPriority[priority].Add(i, handled);
        }
        ZoneHourCounts[i.Zone * 24 + hour]++;
        ZoneTypeCounts[i.Zone * _scenario.IncidentTypes.Count + i.Type]++;
    }

    /// <summary>The response minutes of the attended incidents split by zone, each zone's ascending.</summary>
    public double[][] SortedResponsesByZone()
    {
        var byZone = new double[ByZone.Length][];
        var filled = new int[ByZone.Length];
        for (var z = 0; z < byZone.Length; z++)
        {
            byZone[z] = new double[ByZone[z].Attended];
        }
        for (var k = 0; k < Responses.Count; k++)
        {
            var z = ResponseZone[k];
            byZone[z][filled[z]++] = Responses[k];
        }
        foreach (var values in byZone)
        {
            Array.Sort(values);
        }
        return byZone;
    }

    /// <summary>The response minutes of the attended incidents (of one priority index, if given), ascending.</summary>
    public double[] SortedResponses(int? priority = null)
    {
        double[] values;
        if (priority is not { } p)
        {
            values = Responses.ToArray();
        }
        else
        {
            var n = 0;
            values = new double[ByPriority[p].Attended];
            for (var k = 0; k < Responses.Count; k++)
            {
                if (ResponsePriority[k] == p)
                {
                    values[n++] = Responses[k];
                }
            }
        }
        Array.Sort(values);
        return values;
    }
}
