using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.Commands.CommandTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Commands;

/// <summary>Move-up (动态调警): an empty sector gets the nearest idle unit of another station (Simulation/MoveUp.cs).</summary>
public class MoveUpTests
{
    /// <summary>Sector A: one car at (0, 0); sector B: two cars at (3000, 0); next to no demand of their own.</summary>
    private static Scenario TwoSectors(bool moveUp, int carsAtB = 2) => Build(Document(
        zones: [Zone("district", 0, 0, 20000, 1e-9)],
        units: [TestScenarios.Unit("a", "car", station: "A"), TestScenarios.Unit("b", "car", station: "B", count: carsAtB)],
        stations: [Station("A", 0, 0), Station("B", 3000, 0)],
        types: [Type("theft", 2, Fixed(30), 15, "car")],
        dispatch: new DispatchDocument { Queue = true, MoveUp = moveUp }));

    [Fact]
    public void The_empty_sector_gets_the_nearest_idle_unit_of_the_other_at_the_time_of_the_dispatch()
    {
        var sim = new Simulator(TwoSectors(moveUp: true), 1);
        sim.At(10, "inject", "theft", "0,0"); // a is sent: sector A has no free unit left
        Assert.Equal(1, sim.MoveUps);
        var cover = sim.Named("b-1");
        Assert.Equal(UnitStatus.Returning, cover.Status);
        Assert.Equal(10 + CarMinutes(3000), cover.LegEndsAt, 9); // 18.4
        sim.RunUntil(18.3);
        Assert.Equal(UnitStatus.Returning, cover.Status);
        sim.RunUntil(18.5);
        Assert.Equal(UnitStatus.Available, cover.Status);
        Assert.Equal(new Point2(0, 0), cover.PositionAt(sim.Now));
        Assert.Equal(UnitStatus.Available, sim.Named("b-2").Status);

        sim.At(20, "inject", "theft", "100,0");
        Assert.Equal("b-1", sim.Scenario.Units[sim.Incidents[1].Unit].Id);
        Assert.Equal(20 + CarMinutes(100), sim.Incidents[1].EtaAt, 9);
    }

    [Fact]
    public void Without_move_up_or_with_one_unit_left_at_the_other_station_nobody_moves()
    {
        var off = new Simulator(TwoSectors(moveUp: false), 1);
        off.At(10, "inject", "theft", "0,0");
        off.At(20, "inject", "theft", "100,0");
        Assert.Equal(0, off.MoveUps);
        Assert.Equal(20 + CarMinutes(2900), off.Incidents[1].EtaAt, 9);

        var thin = new Simulator(TwoSectors(moveUp: true, carsAtB: 1), 1);
        thin.At(10, "inject", "theft", "0,0");
        Assert.Equal(0, thin.MoveUps);
        Assert.Equal(UnitStatus.Available, thin.Named("b").Status);
    }
}
