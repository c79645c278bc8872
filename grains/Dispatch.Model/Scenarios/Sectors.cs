using Dispatch.Model.Geometry;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// A station's sector is the set of points nearer to it (straight line) than to any other station,
/// a tie going to the station listed first. The default beat takes a zone into the sector of its
/// centroid; <c>own-sector-first</c> dispatch takes an incident into the sector of its location.
/// </summary>
public static class Sectors
{
    /// <summary>The index of the station nearest <paramref name="point"/> (ties to the lower index), or -1 when there are no stations.</summary>
    public static int Of(Point2 point, IReadOnlyList<Station> stations)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var s = 0; s < stations.Count; s++)
        {
            var distance = stations[s].Location.DistanceTo(point);
            if (best < 0 || distance < bestDistance)
            {
                best = s;
                bestDistance = distance;
            }
        }
        return best;
    }
}
