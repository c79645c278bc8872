using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// Alert-guided checks (预警导查): a hotspot whose forecast risk has just crossed the alert threshold,
/// and has had no check within the cool-down, gets a directed check by the nearest free unit that
/// is not on post duty (docs/scheduler.md section 7).
/// </summary>
internal sealed class AlertChecks
{
    private readonly PatrolOptions _options;
    private readonly RiskModel _risk;
    private readonly IReadOnlyList<Zone> _zones;
    private readonly UnitSpec[] _units;
    private readonly bool[] _allowed;
    private readonly bool[] _taken;
    private readonly double _statsFrom;
    private double[]? _lastAlert;

    public AlertChecks(Scenario scenario, RiskModel risk, UnitSpec[] units, double statsFrom)
    {
        _options = scenario.Patrol;
        _risk = risk;
        _zones = scenario.Zones;
        _units = units;
        _allowed = [.. units.Select(u => u.Duty != Duty.Post)];
        _taken = new bool[units.Length];
        _statsFrom = statsFrom;
    }

    /// <summary>Checks started after the warm-up.</summary>
    public int Started { get; private set; }

    /// <summary>
    /// The checks to start now for the zones whose risk has just risen (<paramref name="raised"/>,
    /// ascending), into <paramref name="checks"/> in that order: one unit for each zone at or over
    /// the threshold and out of its cool-down, while free units last.
    /// </summary>
    public void Choose<TFleet>(List<int> raised, double now, TFleet fleet, List<Assignment> checks)
        where TFleet : IFleetView
    {
        checks.Clear();
        if (raised.Count == 0 || !double.IsFinite(_options.AlertThreshold))
        {
            return;
        }
        _lastAlert ??= Enumerable.Repeat(double.NegativeInfinity, _zones.Count).ToArray();
        foreach (var zone in raised)
        {
            if (_risk.Forecast(zone, now) < _options.AlertThreshold || now - _lastAlert[zone] < _options.AlertCooldownMinutes)
            {
                continue;
            }
            var at = _zones[zone].Shape.InteriorPoint;
            var unit = NearestUnit.Find(fleet, _units, _allowed, _taken, at);
            if (unit < 0)
            {
                continue;
            }
            _lastAlert[zone] = now;
            Started += now >= _statsFrom ? 1 : 0;
            _taken[unit] = true;
            checks.Add(new Assignment(unit, zone, at));
        }
        foreach (var check in checks)
        {
            _taken[check.Unit] = false;
        }
    }
}
