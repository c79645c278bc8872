namespace Dispatch.Model.Randomness;

/// <summary>A distribution of non-negative durations in minutes.</summary>
public interface IDistribution
{
    /// <summary>The theoretical mean.</summary>
    double Mean { get; }

    /// <summary>Draws one value using the given stream.</summary>
    double Sample(IRandom random);
}

/// <summary>Exponential with the given mean (rate 1/mean), by inversion.</summary>
public sealed record ExponentialDistribution(double Mean) : IDistribution
{
    public double Sample(IRandom random) => -Mean * Math.Log(random.NextOpenDouble());
}

/// <summary>Always the same value.</summary>
public sealed record FixedDistribution(double Value) : IDistribution
{
    public double Mean => Value;

    public double Sample(IRandom random) => Value;
}

/// <summary>Uniform on [Min, Max].</summary>
public sealed record UniformDistribution(double Min, double Max) : IDistribution
{
    public double Mean => (Min + Max) / 2;

    public double Sample(IRandom random) => Min + (Max - Min) * random.NextDouble();
}

/// <summary>
/// Lognormal given by the mean and standard deviation of the durations themselves (what a planner
/// knows), converted to the underlying normal's mu and sigma. Normals by Box-Muller.
/// </summary>
public sealed record LogNormalDistribution : IDistribution
{
    public LogNormalDistribution(double mean, double sd)
    {
        Mean = mean;
        Sd = sd;
        Sigma = Math.Sqrt(Math.Log(1 + sd * sd / (mean * mean)));
        Mu = Math.Log(mean) - Sigma * Sigma / 2;
    }

    public double Mean { get; }

    public double Sd { get; }

    public double Mu { get; }

    public double Sigma { get; }

    public double Sample(IRandom random)
    {
        var u1 = random.NextOpenDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(Mu + Sigma * z);
    }
}
