using System.Globalization;
using Dispatch.Abstractions.Live;

namespace Dispatch.Cli.Live;

/// <summary>
/// The feed's words for what changed: incidents (new, queued, sent with the reason, on scene, cleared,
/// diverted, escalated) and units (checks, school posts, command posts, shifts), places named by
/// station or zone rather than coordinates.
/// </summary>
public sealed class FeedText(LiveScenarioInfo info)
{
    /// <summary>A unit this close to a station (metres) is at the station.</summary>
    public const double AtStation = 60;

    private Dictionary<string, int>? _unitIndex;

    /// <summary>A point by name: "baisha station", the smallest hotspot around it, or "near baisha station (1.2 km)".</summary>
    public string Place(double x, double y)
    {
        var station = info.Stations.OrderBy(s => Distance(s, x, y)).FirstOrDefault();
        if (station is not null && Distance(station, x, y) <= AtStation)
        {
            return $"{station.Id} station";
        }
        var zone = info.Zones.Where(z => z.IsHotspot && z.MinX <= x && x <= z.MaxX && z.MinY <= y && y <= z.MaxY)
            .OrderBy(z => (z.MaxX - z.MinX) * (z.MaxY - z.MinY)).FirstOrDefault();
        if (zone is not null)
        {
            return zone.Id;
        }
        return station is null
            ? string.Create(CultureInfo.InvariantCulture, $"({x:0}, {y:0})")
            : string.Create(CultureInfo.InvariantCulture, $"near {station.Id} station ({Distance(station, x, y) / 1000:0.0} km)");
    }

    /// <summary>The lines for an incident's changes since it was last seen (<paramref name="before"/> null: first seen).</summary>
    public IEnumerable<FeedEntry> Incident(LiveIncident? before, LiveIncident now, string? unitWas, int queueLength, double at)
    {
        var what = $"#{now.Id} {now.Type} P{now.Priority} in {now.Zone}";
        if (before is null)
        {
            yield return new(now.CreatedAt, FeedKind.New, $"{Time(now.CreatedAt)} new {what}" + (now.DiscoveredOnView ? " (found on view)" : ""));
        }
        if (before is not null && now.Priority < before.Priority)
        {
            yield return new(at, FeedKind.Escalated, $"{Time(at)} #{now.Id} {now.Type} escalated to P{now.Priority} in {now.Zone}");
        }
        if (now.InQueue && before is not { InQueue: true })
        {
            yield return new(now.CreatedAt, FeedKind.Queued,
                string.Create(CultureInfo.InvariantCulture, $"{Time(now.CreatedAt)} #{now.Id} queued: no suitable unit free ({queueLength} waiting)"));
        }
        if (!double.IsNaN(now.DispatchedAt) && (before is null || double.IsNaN(before.DispatchedAt)))
        {
            yield return new(now.DispatchedAt, FeedKind.Dispatch, string.Create(CultureInfo.InvariantCulture,
                $"{Time(now.DispatchedAt)} {now.Unit} sent to #{now.Id} from {Place(now.FromX, now.FromY)}{Reason(unitWas, now, before)}, ETA {Time(now.EtaAt)} ({now.EtaAt - now.DispatchedAt:0.0} min)"));
        }
        if (!double.IsNaN(now.ArrivedAt) && (before is null || double.IsNaN(before.ArrivedAt)))
        {
            yield return new(now.ArrivedAt, FeedKind.Arrival, string.Create(CultureInfo.InvariantCulture, $"{Time(now.ArrivedAt)} {now.Unit} on scene at #{now.Id} after {now.ArrivedAt - now.CreatedAt:0.0} min"));
        }
        if (!double.IsNaN(now.ClearedAt) && (before is null || double.IsNaN(before.ClearedAt)))
        {
            yield return new(now.ClearedAt, FeedKind.Cleared, $"{Time(now.ClearedAt)} #{now.Id} cleared by {now.Unit}");
        }
        if (now.Outcome == "Diverted" && before?.Outcome != "Diverted")
        {
            yield return new(now.CreatedAt, FeedKind.Diverted, $"{Time(now.CreatedAt)} #{now.Id} diverted: no unit free and no queue");
        }
    }

    /// <summary>A unit's new status when it is news: a check, a school post, a command post.</summary>
    public FeedEntry? Unit(LiveUnit? before, LiveUnit now, double at)
    {
        if (before is null || before.Status == now.Status)
        {
            return null;
        }
        var id = info.UnitIds[now.Index];
        return now.Status switch
        {
            "Check" => new(at, FeedKind.Check, $"{Time(at)} {id} checks {Place(now.X, now.Y)}"),
            "SchoolPost" => new(at, FeedKind.SchoolPost, $"{Time(at)} {id} takes its school post at {Place(now.X, now.Y)}"),
            "CommandPost" => new(at, FeedKind.CommandPost, $"{Time(at)} {id} holds a command post at {Place(now.X, now.Y)}"),
            _ => null,
        };
    }

    /// <summary>One line for units starting (or ending) their shift in a batch: a surge shows as many units at once.</summary>
    public FeedEntry Shift(IReadOnlyList<int> units, bool on, double at)
    {
        var names = string.Join(", ", units.Take(3).Select(u => info.UnitIds[u])) + (units.Count > 3 ? ", …" : "");
        var surge = on && units.Any(u => info.UnitIds[u].Contains("surge", StringComparison.OrdinalIgnoreCase)) ? " (surge)" : "";
        return new(at, on ? FeedKind.OnDuty : FeedKind.OffDuty, string.Create(CultureInfo.InvariantCulture,
            $"{Time(at)} {units.Count} unit{(units.Count == 1 ? "" : "s")} {(on, units.Count == 1) switch { (true, true) => "starts its shift", (true, false) => "start their shift", (false, true) => "goes off shift", _ => "go off shift" }}{surge}: {names}"));
    }

    /// <summary>
    /// Why this unit, as far as the watcher can tell: the policy's rule (nearest free; a tactical unit
    /// preferred for P1; the own-sector rule) and what the unit was doing when it was chosen.
    /// </summary>
    private string Reason(string? unitWas, LiveIncident now, LiveIncident? before)
    {
        var index = now.Unit is null ? -1 : IndexOf(now.Unit);
        var tactical = index >= 0 && info.UnitModes[index] == "tactical";
        var rule = unitWas is "EnRoute" or "OnScene" ? null : info.DispatchPolicy switch
        {
            "nearest-available" when tactical && now.Priority <= 1 => "tactical preferred for P1",
            "nearest-available" => "nearest free",
            "own-sector-first" => "own sector first",
            _ => null,
        };
        var was = unitWas switch
        {
            "Patrol" => "was on patrol",
            "Available" => "was free",
            "Returning" => "was returning",
            "Check" => "left a check",
            "SchoolPost" => "school post pre-empted",
            "CommandPost" => "command post pre-empted",
            "EnRoute" or "OnScene" => "taken from a less urgent incident",
            _ => before is { InQueue: true } ? "first free unit for the queue" : null,
        };
        var parts = new[] { rule, was }.OfType<string>().ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private int IndexOf(string unitId)
    {
        _unitIndex ??= info.UnitIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return _unitIndex.GetValueOrDefault(unitId, -1);
    }

    private static double Distance(LiveStation s, double x, double y) => Math.Sqrt((s.X - x) * (s.X - x) + (s.Y - y) * (s.Y - y));

    private string Time(double minute) => info.Start.AddMinutes(minute).ToString("HH:mm", CultureInfo.InvariantCulture);
}
