using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// Moments of the duration distributions over fixed seeds. Tolerances are 4 standard errors of the
/// estimator for the sample size used: for the mean, sd / sqrt(n); for the sample variance,
/// sqrt((mu4 - sigma^4) / n) with mu4 the distribution's fourth central moment (the large-n variance
/// of s^2). Under a correct sampler a 4-SE miss has probability about 6e-5 per check.
/// </summary>
public class DistributionTests
{
    private const int N = 200_000;
    private const double K = 4.0;

    private static double[] Draw(IDistribution d, ulong seed, int n = N)
    {
        var random = new RandomStream(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = d.Sample(random);
        }
        return values;
    }

    private static (double Mean, double Variance) Moments(double[] x)
    {
        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        return (mean, variance);
    }

    [Fact]
    public void Exponential_mean_and_variance_match_theory()
    {
        const double m = 30;
        var (mean, variance) = Moments(Draw(new ExponentialDistribution(m), 11));
        // sd = m; mu4 = 9 m^4, sigma^4 = m^4, so Var(s^2) ~ 8 m^4 / n.
        Assert.InRange(mean, m - K * m / Math.Sqrt(N), m + K * m / Math.Sqrt(N));
        var seVar = Math.Sqrt(8.0 / N) * m * m;
        Assert.InRange(variance, m * m - K * seVar, m * m + K * seVar);
    }

    [Fact]
    public void Exponential_is_inversion_of_the_open_uniform()
    {
        var d = new ExponentialDistribution(30);
        Assert.Equal(30 * Math.Log(2), d.Sample(new ScriptedRandom(0.5)), 12);
        Assert.Equal(30.0, d.Sample(new ScriptedRandom(Math.Exp(-1))), 12);
        Assert.Equal(30.0, d.Mean);
    }

    [Fact]
    public void LogNormal_parameters_reproduce_the_given_mean_and_sd()
    {
        var d = new LogNormalDistribution(30, 15);
        Assert.Equal(Math.Log(1.25), d.Sigma * d.Sigma, 12);
        Assert.Equal(Math.Log(30) - Math.Log(1.25) / 2, d.Mu, 12);
        // E[X] = exp(mu + sigma^2/2), Var[X] = (exp(sigma^2) - 1) exp(2 mu + sigma^2).
        Assert.Equal(30.0, Math.Exp(d.Mu + d.Sigma * d.Sigma / 2), 10);
        Assert.Equal(225.0, (Math.Exp(d.Sigma * d.Sigma) - 1) * Math.Exp(2 * d.Mu + d.Sigma * d.Sigma), 9);
    }

    [Fact]
    public void LogNormal_Box_Muller_maps_known_uniforms_exactly()
    {
        var d = new LogNormalDistribution(30, 15);
        // u1 = e^-0.5 gives sqrt(-2 ln u1) = 1; u2 = 0 gives cos(0) = 1: z = 1.
        Assert.Equal(Math.Exp(d.Mu + d.Sigma), d.Sample(new ScriptedRandom(Math.Exp(-0.5), 0.0)), 12);
        // u2 = 0.5 gives cos(pi) = -1: z = -1.
        Assert.Equal(Math.Exp(d.Mu - d.Sigma), d.Sample(new ScriptedRandom(Math.Exp(-0.5), 0.5)), 12);
    }

    [Fact]
    public void LogNormal_mean_and_variance_match_theory()
    {
        const double m = 30, sd = 15;
        var d = new LogNormalDistribution(m, sd);
        var x = Draw(d, 12);
        var (mean, variance) = Moments(x);
        Assert.InRange(mean, m - K * sd / Math.Sqrt(N), m + K * sd / Math.Sqrt(N));
        // Fourth central moment = sigma_X^4 (excess kurtosis + 3), excess kurtosis of a lognormal
        // = e^{4 s2} + 2 e^{3 s2} + 3 e^{2 s2} - 6 (s2 = sigma^2 of the log), so Var(s^2) ~ sd^4 (ek + 2) / n.
        var s2 = d.Sigma * d.Sigma;
        var excessKurtosis = Math.Exp(4 * s2) + 2 * Math.Exp(3 * s2) + 3 * Math.Exp(2 * s2) - 6;
        var seVar = sd * sd * Math.Sqrt((excessKurtosis + 2) / N);
        Assert.InRange(variance, sd * sd - K * seVar, sd * sd + K * seVar);

        // The logs are normal(mu, sigma): their mean has SE sigma / sqrt(n), their variance SE sigma^2 sqrt(2 / n).
        var (logMean, logVariance) = Moments(x.Select(v => Math.Log(v)).ToArray());
        Assert.InRange(logMean, d.Mu - K * d.Sigma / Math.Sqrt(N), d.Mu + K * d.Sigma / Math.Sqrt(N));
        var seLogVar = s2 * Math.Sqrt(2.0 / N);
        Assert.InRange(logVariance, s2 - K * seLogVar, s2 + K * seLogVar);
    }

    [Fact]
    public void Fixed_is_always_its_value()
    {
        var d = new FixedDistribution(12.5);
        Assert.Equal(12.5, d.Mean);
        Assert.All(Draw(d, 13, 1000), v => Assert.Equal(12.5, v));
    }

    [Fact]
    public void Uniform_mean_variance_and_range_match_theory()
    {
        const double a = 10, b = 40;
        var x = Draw(new UniformDistribution(a, b), 14);
        var (mean, variance) = Moments(x);
        var sd = (b - a) / Math.Sqrt(12);
        Assert.InRange(mean, 25 - K * sd / Math.Sqrt(N), 25 + K * sd / Math.Sqrt(N));
        // mu4 = (b-a)^4 / 80, sigma^4 = (b-a)^4 / 144: Var(s^2) ~ (b-a)^4 / 180 / n.
        var seVar = Math.Pow(b - a, 2) / Math.Sqrt(180.0 * N);
        Assert.InRange(variance, sd * sd - K * seVar, sd * sd + K * seVar);
        Assert.All(x, v => Assert.InRange(v, a, b));
        Assert.Equal(a + 0.25 * (b - a), new UniformDistribution(a, b).Sample(new ScriptedRandom(0.25)));
    }

    [Fact]
    public void Builder_maps_duration_documents_to_distributions()
    {
        var scenario = TestScenarios.Build(TestScenarios.Document(
            zones: [TestScenarios.Zone("Z", 0, 0, 10, 1)],
            units: [TestScenarios.Unit("u", "car")],
            types:
            [
                TestScenarios.Type("e", 1, TestScenarios.Exponential(20)),
                TestScenarios.Type("l", 2, new DurationDocument { Distribution = "lognormal", Mean = 30, Sd = 15 }),
                TestScenarios.Type("f", 3, TestScenarios.Fixed(7)),
                TestScenarios.Type("u", 4, new DurationDocument { Distribution = "Uniform", Min = 5, Max = 9 }),
            ]));
        Assert.Equal(new ExponentialDistribution(20), scenario.IncidentTypes[0].OnScene);
        var logNormal = Assert.IsType<LogNormalDistribution>(scenario.IncidentTypes[1].OnScene);
        Assert.Equal((30.0, 15.0), (logNormal.Mean, logNormal.Sd));
        Assert.Equal(new FixedDistribution(7), scenario.IncidentTypes[2].OnScene);
        Assert.Equal(new UniformDistribution(5, 9), scenario.IncidentTypes[3].OnScene);
    }

    [Fact]
    public void RandomStream_matches_reference_xoshiro256starstar_seeded_by_splitmix64()
    {
        // Expected values computed independently from the reference algorithms (Vigna's
        // splitmix64.c and xoshiro256starstar.c) in Python.
        var zero = new RandomStream(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, zero.NextULong());
        Assert.Equal(0xbf6e1f784956452aUL, zero.NextULong());
        Assert.Equal(0x1a5f849d4933e6e0UL, zero.NextULong());
        var fortyTwo = new RandomStream(42);
        Assert.Equal(0x15780b2e0c2ec716UL, fortyTwo.NextULong());
        // NextDouble uses the top 53 bits.
        Assert.Equal((0x6104d9866d113a7eUL >> 11) / 9007199254740992.0, fortyTwo.NextDouble());
        Assert.Equal(((0xae17533239e499a1UL >> 11) + 0.5) / 9007199254740992.0, fortyTwo.NextOpenDouble());
    }

    [Fact]
    public void RandomStream_same_seed_same_sequence_different_seed_different()
    {
        var a = new RandomStream(123);
        var b = new RandomStream(123);
        var c = new RandomStream(124);
        var sa = Enumerable.Range(0, 1000).Select(_ => a.NextULong()).ToArray();
        var sb = Enumerable.Range(0, 1000).Select(_ => b.NextULong()).ToArray();
        var sc = Enumerable.Range(0, 1000).Select(_ => c.NextULong()).ToArray();
        Assert.Equal(sa, sb);
        // Two independent 64-bit streams agree at a position with probability 2^-64.
        Assert.DoesNotContain(sa.Zip(sc), p => p.First == p.Second);
    }

    [Fact]
    public void RandomStream_uniforms_stay_in_range_with_mean_one_half()
    {
        var r = new RandomStream(7);
        var sum = 0.0;
        for (var i = 0; i < N; i++)
        {
            var u = r.NextDouble();
            var o = r.NextOpenDouble();
            Assert.True(u is >= 0 and < 1);
            Assert.True(o is > 0 and < 1);
            sum += u + o;
        }
        // Mean of 2N uniforms: SE = sqrt(1/12 / 2N).
        var se = Math.Sqrt(1.0 / 12 / (2.0 * N));
        Assert.InRange(sum / (2.0 * N), 0.5 - K * se, 0.5 + K * se);
    }

    [Theory]
    [InlineData("arrivals/", "Z1")]
    [InlineData("patrol/", "")]
    [InlineData("", "incident/Z1")]
    [InlineData("service/", "Zone \u00e9t\u00e9 \u5317")]
    [InlineData("arrivals/", "\ud83d\ude93 car")]
    [InlineData("arrivals/", "lone \ud83d surrogate")]
    public void StreamFactory_prefix_and_name_is_the_stream_of_the_joined_name(string prefix, string name)
    {
        var f = new StreamFactory(7, 3);
        var (joined, split) = (f.Create(prefix + name), f.Create(prefix, name));
        for (var k = 0; k < 8; k++)
        {
            Assert.Equal(joined.NextULong(), split.NextULong());
        }
    }

    [Fact]
    public void StreamFactory_same_name_same_stream_other_names_seeds_and_replications_differ()
    {
        static ulong[] First(StreamFactory f, string name)
        {
            var s = f.Create(name);
            return Enumerable.Range(0, 64).Select(_ => s.NextULong()).ToArray();
        }

        var f = new StreamFactory(2024, 0);
        var reference = First(f, "arrivals/Z1");
        Assert.Equal(reference, First(f, "arrivals/Z1"));
        Assert.Equal(reference, First(new StreamFactory(2024, 0), "arrivals/Z1"));

        var others = new[]
        {
            First(f, "arrivals/Z2"),
            First(f, "incident/Z1"),
            First(new StreamFactory(2024, 1), "arrivals/Z1"),
            First(new StreamFactory(2025, 0), "arrivals/Z1"),
        };
        foreach (var other in others)
        {
            Assert.DoesNotContain(reference.Zip(other), p => p.First == p.Second);
        }
        // Replications of one seed are pairwise distinct too.
        var replications = Enumerable.Range(0, 20).Select(r => First(new StreamFactory(2024, r), "arrivals/Z1")[0]).ToList();
        Assert.Equal(20, replications.Distinct().Count());
    }

    /// <summary>A random source that returns scripted values, for exact checks of the transforms.</summary>
    private sealed class ScriptedRandom(params double[] values) : IRandom
    {
        private int _next;

        public double NextDouble() => values[_next++];

        public double NextOpenDouble() => values[_next++];
    }
}
