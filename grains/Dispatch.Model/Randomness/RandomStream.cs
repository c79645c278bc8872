namespace Dispatch.Model.Randomness;

/// <summary>A source of uniform random numbers. Distributions take one as an argument.</summary>
public interface IRandom
{
    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();

    /// <summary>A uniform double in (0, 1), safe to take a logarithm of.</summary>
    double NextOpenDouble();
}

/// <summary>
/// xoshiro256** generator: small, fast, with explicit 256-bit state so a run is a pure function
/// of its seed. Never shared between sources; see <see cref="StreamFactory"/>.
/// </summary>
public sealed class RandomStream : IRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state from one 64-bit value through SplitMix64, as the authors recommend.</summary>
    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double NextOpenDouble() => ((NextULong() >> 11) + 0.5) * (1.0 / (1UL << 53));

    internal static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
