using System.Globalization;
using Dispatch.Abstractions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>
/// The zone and unit a watcher has selected (<c>--zone</c>, <c>--unit</c>; keys z and u step to the
/// next hotspot zone or unit, x clears): their panels, read from the run's zone and unit grains at
/// most once a second (the grains are fed once per simulated hour).
/// </summary>
public sealed class ActorSelection(string? zone, string? unit)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private ZoneView? _zone;
    private UnitView? _unit;
    private DateTime _readAt = DateTime.MinValue;

    public string? ZoneId { get; private set; } = zone;

    public string? UnitId { get; private set; } = unit;

    /// <summary>Reads the selected grains again if a second has passed (or at once when <paramref name="now"/> is set).</summary>
    public async Task RefreshAsync(IGrainFactory grains, string runId, bool now = false)
    {
        if (!now && DateTime.UtcNow - _readAt < Period)
        {
            return;
        }
        _readAt = DateTime.UtcNow;
        _zone = ZoneId is null ? null : await grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, ZoneId)).GetAsync();
        _unit = UnitId is null ? null : await grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, UnitId)).GetAsync();
    }

    /// <summary>Handles a selection key (z, u, x); false if it is not one.</summary>
    public bool Key(char key, DashboardState state)
    {
        switch (key)
        {
            case 'z' or 'Z':
                ZoneId = Next(state.Info.Zones.Where(z => z.IsHotspot).Select(z => z.Id).ToList(), ZoneId);
                break;
            case 'u' or 'U':
                UnitId = Next(state.Info.UnitIds, UnitId);
                break;
            case 'x' or 'X':
                (ZoneId, UnitId) = (null, null);
                break;
            default:
                return false;
        }
        _readAt = DateTime.MinValue;
        return true;
    }

    private static string? Next(IReadOnlyList<string> ids, string? current)
    {
        if (ids.Count == 0)
        {
            return null;
        }
        var at = current is null ? -1 : ids.ToList().IndexOf(current);
        return ids[(at + 1) % ids.Count];
    }

    /// <summary>The panels under the dashboard (null when nothing is selected).</summary>
    public IRenderable? Render()
    {
        if (ZoneId is null && UnitId is null)
        {
            return null;
        }
        var parts = new List<IRenderable>();
        if (ZoneId is not null)
        {
            parts.Add(_zone is null ? new Markup($"zone {Markup.Escape(ZoneId)}: not fed yet (zone grains are fed every simulated hour)") : ActorPanels.Zone(_zone, recent: 5));
        }
        if (UnitId is not null)
        {
            parts.Add(_unit is null ? new Markup($"unit {Markup.Escape(UnitId)}: not fed yet") : ActorPanels.Unit(_unit, timeline: 5));
        }
        return new Columns(parts);
    }

    /// <summary>One line per selected zone or unit, for plain output.</summary>
    public IEnumerable<string> Lines()
    {
        if (_zone is { } z)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"zone {z.ZoneId}: {z.Incidents} incidents, {z.Attended} attended, visibility {(z.VisibilityRate is { } v ? $"{100 * v:0.0}%" : "n/a")}, risk {z.CurrentRisk:0.###}/h");
        }
        if (_unit is { } u)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"unit {u.UnitId}: {u.Status}, {u.Dispatches} dispatches, {u.TravelledKm:0.0} km, utilisation {(u.Utilisation is { } x ? $"{100 * x:0.0}%" : "n/a")}");
        }
    }
}
