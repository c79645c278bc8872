using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The plan of one re-planning period: a weight per zone (from the policy) and the number of
/// dwell blocks already committed to each zone. A free patrol unit takes the zone of its beat
/// with the highest marginal value <c>weight x diminishing^committed</c> (diminishing returns: the
/// k-th unit in a zone is worth less than the first), ties to the nearer zone, then the lower
/// index. When a unit is pulled away its block is released, so the next free unit fills the gap
/// (dynamic redeployment).
/// </summary>
public sealed class PatrolPlan(IReadOnlyList<Zone> zones, double diminishing)
{
    private readonly double[] _weights = new double[zones.Count];
    private readonly int[] _committed = new int[zones.Count];

    public double[] Weights => _weights;

    public int Committed(int zone) => _committed[zone];

    /// <summary>Starts a new period: all commitments are cleared (callers re-commit units already placed).</summary>
    public void Reset() => Array.Clear(_committed);

    public void Commit(int zone) => _committed[zone]++;

    public void Release(int zone)
    {
        if (zone >= 0 && _committed[zone] > 0)
        {
            _committed[zone]--;
        }
    }

    public double MarginalValue(int zone) => _weights[zone] * Power(_committed[zone]);

    /// <summary>diminishing^k, each power computed once with Math.Pow (the same value as computing it every time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Power(int k) => k < _powers.Length ? _powers[k] : GrowPowers(k);

    /// <summary>Extends the table of powers to hold diminishing^k (kept out of <see cref="Power"/>, so that inlines).</summary>
    private double GrowPowers(int k)
    {
        var grown = new double[Math.Max(k + 1, _powers.Length * 2)];
        for (var i = 0; i < grown.Length; i++)
        {
            grown[i] = Math.Pow(diminishing, i);
        }
        _powers = grown;
        return grown[k];
    }

    private double[] _powers = [];

    /// <summary>The best zone of the beat for a unit at <paramref name="from"/>, or -1 if none is worth a visit.</summary>
    public int Choose(IReadOnlyList<int> beat, Point2 from)
    {
        // Beats are lists or arrays: scanned as a span, with the centroids in a flat array.
        ReadOnlySpan<int> zoneIds = beat switch
        {
            List<int> list => CollectionsMarshal.AsSpan(list),
            int[] array => array,
            _ => beat.ToArray(),
        };
        var best = -1;
        var bestValue = 0.0;
        var bestDistance = double.PositiveInfinity;
        // Distances matter only between values within 1e-12 of each other: a zone that wins on
        // value alone has its distance worked out when (if ever) another zone ties with it.
        var bestDistanceKnown = true;
        foreach (var zone in zoneIds)
        {
            var value = MarginalValue(zone);
            if (value <= 0)
            {
                continue;
            }
            if (value > bestValue + 1e-12)
            {
                best = zone;
                bestValue = value;
                bestDistanceKnown = false;
            }
            else if (Math.Abs(value - bestValue) <= 1e-12)
            {
                if (!bestDistanceKnown)
                {
                    bestDistance = _centroids[best].DistanceTo(from);
                    bestDistanceKnown = true;
                }
                var distance = _centroids[zone].DistanceTo(from);
                if (distance < bestDistance || (distance == bestDistance && zone < best))
                {
                    best = zone;
                    bestValue = value;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private readonly Point2[] _centroids = zones.Select(z => z.Shape.Centroid).ToArray();
}
