using System.Text;

namespace Dispatch.Model.Randomness;

/// <summary>
/// Derives one independent <see cref="RandomStream"/> per named source (for example
/// <c>arrivals/Z12</c>) from the scenario seed and the replication number. Streams are keyed by
/// name, not by creation order, so two scenarios that share a zone replay the same incidents there
/// (common random numbers) whatever else differs.
/// </summary>
public sealed class StreamFactory(long seed, int replication)
{
    public long Seed { get; } = seed;

    public int Replication { get; } = replication;

    /// <summary>The stream for one source; the same name always gives the same sequence.</summary>
    public RandomStream Create(string source)
    {
        var x = unchecked((ulong)Seed);
        var h = RandomStream.SplitMix64(ref x);
        x = h ^ unchecked((ulong)Replication * 0xD1B54A32D192ED03UL);
        h = RandomStream.SplitMix64(ref x);
        x = h ^ Fnv1a(source);
        return new RandomStream(RandomStream.SplitMix64(ref x));
    }

    /// <summary>FNV-1a over UTF-8: stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }
}
