using System.Runtime.CompilerServices;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The hotspots' geometry of each scenario, built once and shared by its replications (read only):
/// the index that finds the hotspots near a point or a leg, and the zones' rings packed for
/// clipping legs, testing points and sampling points.
/// </summary>
internal static class HotspotGeometry
{
    /// <remarks>Lazy, so that replications starting together wait for one build instead of each making its own.</remarks>
    private static readonly ConditionalWeakTable<Scenario, Lazy<ZoneIndex>> Indexes = new();
    private static readonly ConditionalWeakTable<Scenario, PackedRings> Rings = new();

    /// <summary>The hotspot index of the scenario, with its own query scratch (one per simulator).</summary>
    public static ZoneIndex Index(Scenario scenario) =>
        Indexes.GetValue(scenario, s => new(() => new ZoneIndex(s.Zones.Where(z => z.IsHotspot).Select(z => (z.Index, z.Shape))))).Value.Share();

    /// <summary>The zones' shapes with the hotspots' rings packed.</summary>
    public static PackedRings PackedRings(Scenario scenario) =>
        Rings.GetValue(scenario, s => new PackedRings([.. s.Zones.Select(z => z.Shape)], z => s.Zones[z].IsHotspot));
}
