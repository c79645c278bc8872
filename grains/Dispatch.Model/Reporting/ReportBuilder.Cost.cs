using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

public static partial class ReportBuilder
{
    /// <summary>Unit-hours and officer-hours on duty, overall and by mode, station and hour (docs/metrics.md "Cost").</summary>
    private static CostReport Cost(Scenario scenario, IReadOnlyList<UnitState> units, double now)
    {
        var rows = units.Select(u =>
        {
            var byHour = u.OnDutyMinutesByHour(now);
            var officers = u.Spec.Speed.Officers;
            return (Unit: u, Officers: officers, Hours: byHour.Select(m => m / 60.0).ToArray(), Total: byHour.Sum() / 60.0);
        }).ToList();
        return new CostReport
        {
            UnitHours = Round(rows.Sum(r => r.Total)),
            OfficerHours = Round(rows.Sum(r => r.Total * r.Officers)),
            SurgeUnitHours = scenario.Surge is null ? null : Round(rows.Where(r => r.Unit.Spec.IsSurge).Sum(r => r.Total)),
            ByMode = Enum.GetValues<UnitMode>().Where(m => units.Any(u => u.Spec.Mode == m)).Select(m =>
            {
                var mine = rows.Where(r => r.Unit.Spec.Mode == m).ToList();
                return new ModeCost { Mode = ModeName(m), UnitHours = Round(mine.Sum(r => r.Total)), OfficerHours = Round(mine.Sum(r => r.Total * r.Officers)) };
            }).ToList(),
            ByStation = scenario.Stations.Where(s => units.Any(u => u.Spec.StationIndex == s.Index)).Select(s =>
            {
                var mine = rows.Where(r => r.Unit.Spec.StationIndex == s.Index).ToList();
                return new StationCost { Station = s.Id, UnitHours = Round(mine.Sum(r => r.Total)), OfficerHours = Round(mine.Sum(r => r.Total * r.Officers)) };
            }).ToList(),
            ByHour = Enumerable.Range(0, 24).Select(h => new HourCost
            {
                Hour = h,
                UnitHours = Round(rows.Sum(r => r.Hours[h])),
                OfficerHours = Round(rows.Sum(r => r.Hours[h] * r.Officers)),
            }).ToList(),
        };
    }
}
