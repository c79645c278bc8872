using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The night surge (夜间叠加投放警力): extra units 22:00-04:00 on nightlife and night-food zones.</summary>
public class SurgeTests
{
    /// <summary>
    /// Station (0, 0). N nightlife (0) at (1000, 0), F night food (1) at (1000, 600), C commercial (2)
    /// at (0, 1000): straight paths between the station, N and F never cross C. A regular foot unit
    /// patrols {N, C}; with surge, 2 foot units patrol the nightlife and night-food zones
    /// 22:00-04:00. No unit can serve the incidents, so only patrol moves units.
    /// </summary>
    private static Scenario Night(bool surge, bool regularPatrols = true) => Build(Document(
        zones:
        [
            Zone("N", 1000, 0, 100, 2, kind: ZoneKinds.Nightlife),
            Zone("F", 1000, 600, 100, 1, kind: ZoneKinds.NightFood),
            Zone("C", 0, 1000, 100, 1, kind: ZoneKinds.Commercial),
        ],
        units: [regularPatrols ? Unit("regular", "foot", duty: "patrol", beat: ["N", "C"]) : Unit("regular", "car")],
        types: [Unservable()],
        queue: false,
        days: 2,
        patrol: new PatrolDocument { Policy = "uniform" },
        surge: surge ? new SurgeDocument { Units = [Unit("surge", "foot", count: 2)] } : null));

    private static bool InWindow(double t)
    {
        var minute = t % 1440;
        return minute >= 22 * 60 || minute < 4 * 60;
    }

    [Fact]
    public void Surge_units_are_on_duty_only_in_the_window_and_only_in_their_zones()
    {
        var scenario = Night(surge: true);
        Assert.Equal([false, true, true], scenario.Units.Select(u => u.IsSurge));
        Assert.Equal([0, 1], scenario.Units[1].Beat);
        Assert.Equal(new Shift(22 * 60, 6 * 60), scenario.Units[1].Shift);
        var sim = new Simulator(scenario, 1);
        var seen = new HashSet<int>();
        for (var t = 0.5; t < 2880; t += 1)
        {
            sim.RunUntil(t);
            foreach (var unit in new[] { 1, 2 })
            {
                Assert.Equal(InWindow(t) ? UnitStatus.Patrol : UnitStatus.OffShift, sim.Units[unit].Status);
                Assert.DoesNotContain(unit, sim.PresentUnits(2));
                if (sim.Units[unit].Status == UnitStatus.Patrol)
                {
                    Assert.Contains(sim.Units[unit].TargetZone, new[] { 0, 1 });
                }
            }
            foreach (var zone in new[] { 0, 1 })
            {
                seen.UnionWith(sim.PresentUnits(zone).Where(u => u > 0).Select(u => u * 10 + zone));
            }
        }
        // Both surge units were seen in both of their zones.
        Assert.Equal([10, 11, 20, 21], seen.Order());
        sim.RunToEnd();
        var report = ReportBuilder.Build(sim);
        Assert.True(sim.LedgerAtNow().CoveredMinutes[2] > 0); // the regular unit does patrol C
        // On duty 00:00-04:00, 22:00-04:00 and 22:00-24:00: 720 minutes, all on patrol.
        foreach (var unit in report.Units.Skip(1))
        {
            Assert.Equal(720.0, unit.Minutes.Patrol, 6);
            Assert.Equal(2880.0 - 720, unit.Minutes.OffShift, 6);
        }
    }

    /// <summary>
    /// With the regular unit waiting at its station (a car, not visible), all presence is the
    /// surge's: C is never covered, and N and F only in the window (22:00-04:00 hours only).
    /// </summary>
    [Fact]
    public void Only_the_surge_zones_are_covered_and_only_at_night()
    {
        var sim = Run(Night(surge: true, regularPatrols: false));
        var ledger = sim.LedgerAtNow();
        Assert.Equal(0.0, ledger.CoveredMinutes[2]);
        Assert.True(ledger.CoveredMinutes[0] > 300 && ledger.CoveredMinutes[1] > 300);
        var report = ReportBuilder.Build(sim);
        foreach (var hour in report.ByHour)
        {
            var night = hour.Hour is >= 22 or < 4;
            Assert.True(night ? hour.VisibilityRate > 0 : hour.VisibilityRate == 0, $"hour {hour.Hour}: {hour.VisibilityRate}");
        }
    }

    [Fact]
    public void Surge_raises_night_visibility_on_nightlife_zones()
    {
        var without = ReportBuilder.Build(Run(Night(surge: false)));
        var with = ReportBuilder.Build(Run(Night(surge: true)));
        Assert.True(with.VisibilityRateNight > without.VisibilityRateNight + 0.2,
            $"night visibility {without.VisibilityRateNight} -> {with.VisibilityRateNight}");
        double? Kind(Report r, string kind) => r.ByKind.Single(k => k.Kind == kind).VisibilityRate;
        Assert.True(Kind(with, ZoneKinds.Nightlife) > Kind(without, ZoneKinds.Nightlife));
        Assert.True(Kind(with, ZoneKinds.NightFood) > Kind(without, ZoneKinds.NightFood));
    }
}
