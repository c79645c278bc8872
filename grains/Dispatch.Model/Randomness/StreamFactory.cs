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
    public RandomStream Create(string source) => FromHash(Fnv1a(source, FnvOffset));

    /// <summary>
    /// <c>Create(prefix + name)</c> without building the name (a simulator makes three streams
    /// per zone): FNV-1a goes byte by byte, so hashing the name after the prefix is hashing both
    /// (for a prefix that does not end inside a surrogate pair, as the model's ASCII prefixes do not).
    /// </summary>
    public RandomStream Create(string prefix, string name) => FromHash(Fnv1a(name, Fnv1a(prefix, FnvOffset)));

    private RandomStream FromHash(ulong sourceHash)
    {
        var x = unchecked((ulong)Seed);
        var h = RandomStream.SplitMix64(ref x);
        x = h ^ unchecked((ulong)Replication * 0xD1B54A32D192ED03UL);
        h = RandomStream.SplitMix64(ref x);
        x = h ^ sourceHash;
        return new RandomStream(RandomStream.SplitMix64(ref x));
    }

    private const ulong FnvOffset = 0xCBF29CE484222325UL;

    /// <summary>FNV-1a over UTF-8: stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong Fnv1a(string text) => Fnv1a(text, FnvOffset);

    /// <summary>FNV-1a over the UTF-8 bytes of the text, continuing from <paramref name="hash"/>; ASCII text is hashed without encoding it.</summary>
    private static ulong Fnv1a(string text, ulong hash)
    {
        var start = hash;
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return Fnv1aBytes(Encoding.UTF8.GetBytes(text), start);
            }
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    private static ulong Fnv1aBytes(byte[] bytes, ulong hash)
    {
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }
}
