using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Control (控制力): escalation of incidents not attended in time; transfer to mediation.</summary>
public class EscalationTransferTests
{
    private static IncidentTypeDocument Escalating(int priority, double onScene, double escalation, int escalatedPriority, double factor) =>
        new()
        {
            Id = "T",
            Priority = priority,
            TargetResponseMinutes = 15,
            OnScene = Fixed(onScene),
            EscalationMinutes = escalation,
            EscalatedPriority = escalatedPriority,
            EscalatedOnSceneFactor = factor,
        };

    /// <summary>
    /// One car at the station (0, 0). Near zone (1000, 0): 2.8 min, attended before the 5 min
    /// escalation time. Far zone (3000, 0): 8.4 min, so it escalates on the way: priority 2 -> 1,
    /// on scene 10 x 2 = 20 min. Control rate = near incidents / all.
    /// </summary>
    [Fact]
    public void Incidents_not_attended_in_time_escalate_and_control_rate_counts_the_others()
    {
        var sim = Run(Build(Document(
            zones: [Zone("Near", 1000, 0, 1e-4, 0.04), Zone("Far", 3000, 0, 1e-4, 0.04)],
            units: [Unit("car", "car")],
            types: [Escalating(2, 10, 5, 1, 2)],
            days: 10,
            seed: 5))); // a seed where every incident finds the car at the station (checked below)
        var incidents = sim.Incidents;
        var near = incidents.Count(i => i.Zone == 0);
        var far = incidents.Count(i => i.Zone == 1);
        Assert.True(near >= 3 && far >= 3);
        for (var k = 0; k < incidents.Count; k++)
        {
            var i = incidents[k];
            if (k > 0)
            {
                var previous = incidents[k - 1];
                Assert.True(i.CreatedAt > previous.ClearedAt + (previous.Zone == 0 ? 2.8 : 8.4), $"incident {k} overlaps");
            }
            var isFar = i.Zone == 1;
            Assert.Equal(i.CreatedAt, i.DispatchedAt);
            Assert.Equal(i.CreatedAt + (isFar ? 8.4 : 2.8), i.ArrivedAt, 5);
            Assert.Equal(isFar, i.Escalated);
            Assert.Equal(!isFar, i.AttendedBeforeEscalation);
            Assert.Equal(isFar ? 1 : 2, i.Priority);
            Assert.Equal(2, i.InitialPriority);
            Assert.Equal(isFar ? 20 : 10, i.ClearedAt - i.ArrivedAt, 9);
        }
        var report = ReportBuilder.Build(sim);
        Assert.Equal(far, report.Incidents.Escalated);
        Assert.Equal(near / (double)(near + far), report.ControlRate!.Value, 6);
        // The report keeps incidents under their initial priority.
        Assert.Equal(near + far, report.ByPriority.Single(p => p.Priority == 2).Incidents);
    }

    /// <summary>
    /// A foot post that breaks its post only for priority 1 (preemptPostsUpToPriority 1). A priority-3
    /// incident 1000 m away waits in the queue; at 5 min it escalates to priority 1 and the post is
    /// sent at once: dispatched at created + 5, arrives 1000 x 1.2 / 83.33 = 14.4 min later, on scene
    /// 10 x 1.5 = 15 min. Nothing is attended before escalation: control rate 0.
    /// </summary>
    [Fact]
    public void Queued_incident_escalates_and_is_then_taken_by_a_post_for_urgent_calls()
    {
        var sim = Run(Build(Document(
            zones: [Zone("D", 1000, 0, 1e-4, 0.05)],
            units: [Unit("post", "foot", post: [0, 0])],
            types: [Escalating(3, 10, 5, 1, 1.5)],
            days: 10,
            seed: 4,
            dispatch: new DispatchDocument { Queue = true, PreemptPostsUpToPriority = 1 })));
        var incidents = sim.Incidents;
        Assert.True(incidents.Count >= 5);
        for (var k = 0; k < incidents.Count; k++)
        {
            var i = incidents[k];
            if (k > 0)
            {
                Assert.True(i.CreatedAt > incidents[k - 1].ClearedAt + 14.4, $"incident {k} overlaps");
            }
            Assert.True(i.Escalated);
            Assert.Equal(1, i.Priority);
            Assert.Equal(i.CreatedAt + 5, i.DispatchedAt, 9);
            Assert.Equal(i.DispatchedAt + 14.4, i.ArrivedAt, 5);
            Assert.Equal(15, i.ClearedAt - i.ArrivedAt, 9);
            Assert.False(i.AttendedBeforeEscalation);
        }
        var report = ReportBuilder.Build(sim);
        Assert.Equal(0.0, report.ControlRate);
        Assert.Equal(5.0, report.QueueWaitMinutes.Mean!.Value, 6);
    }

    [Fact]
    public void Types_that_never_escalate_are_left_out_of_the_control_rate()
    {
        var sim = Run(Build(Document(
            zones: [Zone("Z", 1000, 0, 1e-4, 0.5)],
            units: [Unit("car", "car")],
            types: [Type("T", 2, Fixed(10))],
            days: 2)));
        Assert.NotEmpty(sim.Incidents);
        Assert.All(sim.Incidents, i => Assert.False(i.Escalated || i.AttendedBeforeEscalation));
        Assert.Null(ReportBuilder.Build(sim).ControlRate);
    }

    /// <summary>
    /// Type A transfers every cleared incident, type B 40%; mediation resolves 70%. Three cars at the
    /// incidents' spot, 6 incidents/h for 15 days (about 2160). Cleared incidents of B transferred:
    /// Binomial(n, 0.4); transferred ones resolved: Binomial(m, 0.7); each within 4 sd.
    /// </summary>
    [Fact]
    public void Transfer_and_mediation_follow_the_type_share_and_the_resolved_share()
    {
        IncidentTypeDocument Typed(string id, double share) =>
            new() { Id = id, Priority = 2, TargetResponseMinutes = 15, OnScene = Fixed(5), TransferShare = share };
        var sim = Run(Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 6, mix: new() { ["A"] = 0.5, ["B"] = 0.5 })],
            units: [Unit("car", "car", post: [0, 0], count: 3)],
            types: [Typed("A", 1), Typed("B", 0.4)],
            days: 15,
            seed: 8,
            mediation: new MediationDocument { ResolvedShare = 0.7 })));
        var cleared = sim.Incidents.Where(i => i.Outcome == IncidentOutcome.Cleared).ToList();
        Assert.All(sim.Incidents.Where(i => i.Outcome != IncidentOutcome.Cleared), i => Assert.False(i.Transferred));
        var a = cleared.Where(i => i.Type == 0).ToList();
        var b = cleared.Where(i => i.Type == 1).ToList();
        Assert.True(a.Count > 900 && b.Count > 900);
        Assert.All(a, i => Assert.True(i.Transferred));
        static void Near(double p, int hits, int n) =>
            Assert.InRange(hits / (double)n, p - 4 * Math.Sqrt(p * (1 - p) / n), p + 4 * Math.Sqrt(p * (1 - p) / n));
        Near(0.4, b.Count(i => i.Transferred), b.Count);
        var transferred = sim.Incidents.Where(i => i.Transferred).ToList();
        Near(0.7, transferred.Count(i => i.MediationResolved), transferred.Count);
        Assert.All(sim.Incidents.Where(i => !i.Transferred), i => Assert.False(i.MediationResolved));
        var report = ReportBuilder.Build(sim);
        Assert.Equal(transferred.Count, report.Incidents.Transferred);
        Assert.Equal(transferred.Count(i => i.MediationResolved), report.Incidents.MediationResolved);
    }
}
