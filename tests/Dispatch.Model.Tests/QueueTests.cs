using Dispatch.Model.Geometry;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The dispatch queue: priority first (1 most urgent), then first come first served, then id.</summary>
public class QueueTests
{
    private static IncidentRecord Incident(int id, int priority, double createdAt, int type = 0) => new()
    {
        Id = id, Zone = 0, Type = type, Priority = priority, Location = new Point2(0, 0), CreatedAt = createdAt, OnSceneDuration = 1,
    };

    [Fact]
    public void Orders_by_priority_then_creation_time_then_id()
    {
        var queue = new DispatchQueue();
        // Enqueued in a scrambled order; ids 5 and 6 share priority and creation time.
        queue.Enqueue(Incident(1, 3, 10));
        queue.Enqueue(Incident(6, 2, 7));
        queue.Enqueue(Incident(2, 1, 50));
        queue.Enqueue(Incident(3, 3, 5));
        queue.Enqueue(Incident(5, 2, 7));
        queue.Enqueue(Incident(4, 1, 20));
        queue.Enqueue(Incident(7, 2, 1));
        Assert.Equal(7, queue.Count);
        Assert.Equal([4, 2, 7, 5, 6, 3, 1], queue.InOrder.Select(i => i.Id));
    }

    [Fact]
    public void TakeFirst_returns_and_removes_the_first_incident_the_predicate_accepts()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Incident(0, 1, 10, type: 1));
        queue.Enqueue(Incident(1, 2, 5, type: 0));
        queue.Enqueue(Incident(2, 2, 8, type: 1));
        queue.Enqueue(Incident(3, 3, 1, type: 0));

        Assert.Null(queue.TakeFirst(i => i.Type == 2));
        Assert.Equal(4, queue.Count);
        Assert.Equal(1, queue.TakeFirst(i => i.Type == 0)!.Id);
        Assert.Equal([0, 2, 3], queue.InOrder.Select(i => i.Id));
        Assert.Equal(3, queue.TakeFirst(i => i.Type == 0)!.Id);
        Assert.Null(queue.TakeFirst(i => i.Type == 0));
        Assert.Equal(0, queue.TakeFirst(_ => true)!.Id);
        Assert.Equal(2, queue.TakeFirst(_ => true)!.Id);
        Assert.Equal(0, queue.Count);
        Assert.Null(queue.TakeFirst(_ => true));
    }

    [Fact]
    public void One_overloaded_unit_serves_by_priority_then_first_come_first_served()
    {
        // One car posted at the centre of a 0.5 m zone; 3 incidents/h of 45 min each: the queue grows all day.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, 3, mix: new() { ["urgent"] = 0.3, ["routine"] = 0.7 })],
            units: [Unit("car", "car", post: [0, 0])],
            types: [Type("urgent", 1, Fixed(45)), Type("routine", 3, Fixed(45))],
            days: 2,
            seed: 21));
        var sim = Run(scenario);
        var incidents = sim.Incidents;
        var served = incidents.Where(i => !double.IsNaN(i.DispatchedAt)).OrderBy(i => i.DispatchedAt).ToList();
        var priorityJumps = 0;
        var fcfsChoices = 0;
        for (var k = 1; k < served.Count; k++)
        {
            var chosen = served[k];
            if (chosen.QueueWaitMinutes == 0)
            {
                continue;
            }
            // A queued incident is sent the moment the unit clears the previous one.
            Assert.Equal(served[k - 1].ClearedAt, chosen.DispatchedAt);
            var t = chosen.DispatchedAt;
            var waiting = incidents.Where(i => i.CreatedAt < t && (double.IsNaN(i.DispatchedAt) || i.DispatchedAt >= t)).ToList();
            var expected = waiting.OrderBy(i => i.Priority).ThenBy(i => i.CreatedAt).First();
            Assert.Equal(expected.Id, chosen.Id);
            if (waiting.Any(i => i.Priority > chosen.Priority && i.CreatedAt < chosen.CreatedAt))
            {
                priorityJumps++;
            }
            if (waiting.Count(i => i.Priority == chosen.Priority) >= 2)
            {
                fcfsChoices++;
            }
        }
        // The check above was exercised both ways.
        Assert.True(priorityJumps >= 5, $"priority overtook an older incident only {priorityJumps} times");
        Assert.True(fcfsChoices >= 5, $"FCFS within a priority decided only {fcfsChoices} times");
        Assert.Equal(incidents.Count(i => i.Outcome == IncidentOutcome.Queued), sim.QueueLength);
        Assert.Equal(sim.QueueLength, Report(sim).Incidents.QueuedAtEnd);
    }

    [Fact]
    public void Without_queueing_incidents_with_no_free_unit_are_diverted()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, 3)],
            units: [Unit("car", "car", post: [0, 0])],
            types: [Type("T", 2, Fixed(45))],
            seed: 21,
            queue: false));
        var sim = Run(scenario);
        var diverted = sim.Incidents.Where(i => i.Diverted).ToList();
        Assert.NotEmpty(diverted);
        Assert.Equal(0, sim.QueueLength);
        // Diverted exactly when the unit was busy (between a dispatch and the clearing of that job).
        foreach (var incident in sim.Incidents)
        {
            var busy = sim.Incidents.Any(j => j.DispatchedAt < incident.CreatedAt && !(j.ClearedAt <= incident.CreatedAt));
            Assert.Equal(busy, incident.Diverted);
            Assert.Equal(incident.Diverted, double.IsNaN(incident.DispatchedAt));
        }
        var report = Report(sim);
        Assert.Equal(diverted.Count, report.Incidents.Diverted);
        Assert.Equal(diverted.Count, report.Incidents.Unattended);
    }
}
