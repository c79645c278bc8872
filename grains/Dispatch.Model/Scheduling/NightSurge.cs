using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The night surge (夜间 22 时至次日 4 时叠加投放警力) as deployed: the surge units are on duty
/// for one daily window from..to and patrol the hotspots of the surge kinds, each unit the surge
/// zones of its own station's sector (<see cref="Sectors"/>, by zone centroid), all of them when
/// none lies in that sector. The scenario builder reads and checks the <c>surge</c> section and asks
/// this class for the deployment.
/// </summary>
public static class NightSurge
{
    /// <summary>Minutes from <paramref name="from"/> to <paramref name="to"/> (minutes of the day), across midnight when to is earlier; 0 when they are equal.</summary>
    public static double DurationMinutes(double from, double to) => ((to - from) % 1440 + 1440) % 1440;

    /// <summary>The surge units' daily shift: from..to, or the whole day when the window is empty.</summary>
    public static Shift Window(double from, double to)
    {
        var duration = DurationMinutes(from, to);
        return new Shift(from, duration > 0 ? duration : 1440);
    }

    /// <summary>The surge zones: the hotspots of the surge kinds, by zone index.</summary>
    public static List<int> Zones(IReadOnlyList<Zone> zones, IReadOnlySet<string> kinds) =>
        zones.Where(z => z.IsHotspot && kinds.Contains(z.Kind)).Select(z => z.Index).ToList();

    /// <summary>A surge unit's beat: the surge zones nearest its own station (all of them if none is, or if it has no station).</summary>
    public static List<int> Beat(IReadOnlyList<int> surgeZones, int station, IReadOnlyList<Station> stations, IReadOnlyList<Zone> zones)
    {
        var own = surgeZones.Where(z => station >= 0 && Sectors.Of(zones[z].Shape.Centroid, stations) == station).ToList();
        return own.Count > 0 ? own : surgeZones.ToList();
    }
}
