using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Bench;

/// <summary>
/// The road network of a synthetic city with roads (the <c>-roads</c> sizes): a street grid every 300 m
/// over the whole city (for the medium city about as many segments as Pengjiang's network) with crossings jittered by up to 40 m, every fifth row and column an
/// arterial; each row and column is one line, meeting the others at their shared vertices.
/// </summary>
public static class SyntheticRoads
{
    /// <summary>Metres between grid lines.</summary>
    public const double Spacing = 300;

    public static RoadsDocument Create(double side, RandomStream random)
    {
        var n = (int)Math.Ceiling(side / Spacing);
        var step = side / n;
        var jitter = new double[n + 1, n + 1, 2];
        for (var r = 0; r <= n; r++)
        {
            for (var c = 0; c <= n; c++)
            {
                var edge = r == 0 || c == 0 || r == n || c == n;
                jitter[r, c, 0] = edge ? 0 : (random.NextDouble() - 0.5) * 80;
                jitter[r, c, 1] = edge ? 0 : (random.NextDouble() - 0.5) * 80;
            }
        }
        double[] At(int r, int c) => [Math.Round(c * step + jitter[r, c, 0]), Math.Round(r * step + jitter[r, c, 1])];
        var lines = new List<RoadLineDocument>(2 * (n + 1));
        for (var k = 0; k <= n; k++)
        {
            var kind = k % 5 == 0 ? "arterial" : "street";
            lines.Add(new RoadLineDocument { Id = $"row{k}", Class = kind, Points = [.. Enumerable.Range(0, n + 1).Select(c => At(k, c))] });
            lines.Add(new RoadLineDocument { Id = $"col{k}", Class = kind, Points = [.. Enumerable.Range(0, n + 1).Select(r => At(r, k))] });
        }
        return new RoadsDocument
        {
            Classes = new()
            {
                ["arterial"] = new() { ["foot"] = 5, ["bicycle"] = 16, ["car"] = 45, ["tactical"] = 50 },
                ["street"] = new() { ["foot"] = 5, ["bicycle"] = 14, ["car"] = 25, ["tactical"] = 30 },
            },
            Lines = lines,
        };
    }
}
