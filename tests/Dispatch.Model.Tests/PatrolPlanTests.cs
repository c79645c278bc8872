using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The shared patrol plan: marginal values with diminishing returns and the choice of the next zone.</summary>
public class PatrolPlanTests
{
    /// <summary>Zones A, B, C (indices 0, 1, 2) centred 300, 200 and 100 m east of the origin; D has A's polygon.</summary>
    private static Scenario ThreeZones() => Build(Document(
        zones:
        [
            Zone("A", 300, 0, 10, 1, kind: ZoneKinds.Commercial),
            Zone("B", 200, 0, 10, 1, kind: ZoneKinds.Commercial),
            Zone("C", 100, 0, 10, 1, kind: ZoneKinds.Commercial),
            Zone("D", 300, 0, 10, 1, kind: ZoneKinds.Commercial),
        ],
        units: [Unit("u", "foot")]));

    private static readonly Point2 Origin = new(0, 0);

    [Fact]
    public void Marginal_value_is_weight_times_diminishing_to_the_committed()
    {
        var plan = new PatrolPlan(ThreeZones().Zones, 0.5);
        plan.Weights[0] = 4;
        Assert.Equal(4.0, plan.MarginalValue(0));
        plan.Commit(0);
        plan.Commit(0);
        plan.Commit(0);
        Assert.Equal(3, plan.Committed(0));
        Assert.Equal(4 * 0.125, plan.MarginalValue(0));
        plan.Release(0);
        Assert.Equal(2, plan.Committed(0));
        Assert.Equal(1.0, plan.MarginalValue(0));
        plan.Release(-1); // no zone: nothing happens
        plan.Release(1); // nothing committed there: stays at 0
        Assert.Equal(0, plan.Committed(1));
        plan.Reset();
        Assert.Equal(0, plan.Committed(0));
        Assert.Equal(4.0, plan.MarginalValue(0));
        // With diminishing 0.8 the second unit is worth 0.8 of the first.
        var gentle = new PatrolPlan(ThreeZones().Zones, 0.8);
        gentle.Weights[2] = 2.5;
        gentle.Commit(2);
        Assert.Equal(2.0, gentle.MarginalValue(2), 12);
    }

    /// <summary>
    /// Weights 4, 2, 1 for A, B, C and diminishing 0.5, choosing from the origin (C nearest, then
    /// B, then A) and committing each choice:
    /// 1. (4, 2, 1) A; 2. (2, 2, 1) tie A-B, B nearer; 3. (2, 1, 1) A; 4. (1, 1, 1) C nearest;
    /// 5. (1, 1, .5) B; 6. (1, .5, .5) A; 7. (.5, .5, .5) C; 8. (.5, .5, .25) B; 9. (.5, .25, .25) A;
    /// 10. (.25, .25, .25) C.
    /// </summary>
    [Fact]
    public void Sequence_of_choices_for_weights_4_2_1_is_as_computed_by_hand()
    {
        var plan = new PatrolPlan(ThreeZones().Zones, 0.5);
        plan.Weights[0] = 4;
        plan.Weights[1] = 2;
        plan.Weights[2] = 1;
        var sequence = new List<int>();
        for (var k = 0; k < 10; k++)
        {
            var zone = plan.Choose([0, 1, 2], Origin);
            sequence.Add(zone);
            plan.Commit(zone);
        }
        Assert.Equal([0, 1, 0, 2, 1, 0, 2, 1, 0, 2], sequence);
        Assert.Equal(4, plan.Committed(0));
        Assert.Equal(3, plan.Committed(1));
        Assert.Equal(3, plan.Committed(2));
    }

    [Fact]
    public void Choice_is_restricted_to_the_beat_and_skips_worthless_zones()
    {
        var plan = new PatrolPlan(ThreeZones().Zones, 0.5);
        plan.Weights[0] = 4;
        plan.Weights[1] = 2;
        Assert.Equal(1, plan.Choose([1, 2], Origin));
        // C weighs 0: never chosen, even alone.
        Assert.Equal(-1, plan.Choose([2], Origin));
        Assert.Equal(-1, plan.Choose([], Origin));
    }

    [Fact]
    public void Ties_go_to_the_nearer_centroid_then_to_the_lower_index()
    {
        var plan = new PatrolPlan(ThreeZones().Zones, 0.5);
        Array.Fill(plan.Weights, 1.0);
        // From the origin C is nearest; from (310, 0) A (and D, the same polygon) are.
        Assert.Equal(2, plan.Choose([0, 1, 2], Origin));
        Assert.Equal(1, plan.Choose([0, 1], Origin));
        Assert.Equal(0, plan.Choose([1, 0], new Point2(310, 0)));
        // A and D have the same centroid: the lower index wins whatever the order of the beat.
        Assert.Equal(0, plan.Choose([3, 0], new Point2(310, 0)));
        Assert.Equal(0, plan.Choose([0, 3], Origin));
        // A higher value beats a nearer zone.
        plan.Weights[3] = 1.5;
        Assert.Equal(3, plan.Choose([0, 1, 2, 3], Origin));
    }

    [Fact]
    public void Release_makes_a_zone_attractive_again()
    {
        var plan = new PatrolPlan(ThreeZones().Zones, 0.5);
        plan.Weights[0] = 3;
        plan.Weights[1] = 2;
        plan.Commit(0); // A now worth 1.5 < 2
        Assert.Equal(1, plan.Choose([0, 1], Origin));
        plan.Release(0); // back to 3
        Assert.Equal(0, plan.Choose([0, 1], Origin));
        plan.Commit(0);
        plan.Reset(); // a new period: commitments cleared
        Assert.Equal(0, plan.Choose([0, 1], Origin));
    }
}
