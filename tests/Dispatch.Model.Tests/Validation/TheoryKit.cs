using System.Globalization;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Xunit.Abstractions;

namespace Dispatch.Model.Tests.Theory;

/// <summary>
/// Shared pieces of the validation suite (docs/validation.md): textbook queueing formulas and the
/// check of a theoretical value against independent replications. Every tolerance is a confidence
/// interval computed from the replications themselves (Student t, 99% two-sided), never a guessed
/// margin, so a longer run gives a tighter test.
/// </summary>
internal static class TheoryKit
{
    /// <summary>Erlang B: probability that an arrival finds all c servers busy in an M/G/c/c loss system, offered load a = lambda/mu.</summary>
    public static double ErlangB(int c, double a)
    {
        // Recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)): stable for any c.
        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /// <summary>Erlang C: probability of waiting in an M/M/c queue with offered load a = lambda/mu (a &lt; c).</summary>
    public static double ErlangC(int c, double a)
    {
        var b = ErlangB(c, a);
        return c * b / (c - a * (1 - b));
    }

    /// <summary>
    /// The 0.995 quantile of Student's t (for two-sided 99% intervals): a table for the degrees of
    /// freedom used here, otherwise the Cornish-Fisher expansion around the normal quantile.
    /// </summary>
    public static double T995(int df)
    {
        var table = new Dictionary<int, double> { [9] = 3.249836, [14] = 2.976843, [19] = 2.860935, [24] = 2.796940, [29] = 2.756386, [39] = 2.707913 };
        if (table.TryGetValue(df, out var t))
        {
            return t;
        }
        const double z = 2.5758293035489004;
        double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, n = df;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
    }

    /// <summary>A theoretical value, the replication values and their 99% interval.</summary>
    public sealed record Agreement(string Case, string Measure, double Theory, double Mean, double Low, double High, int Replications)
    {
        public bool Holds => Theory >= Low && Theory <= High;

        public double HalfWidth => (High - Low) / 2;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"| {Case} | {Measure} | {Theory:0.#####} | {Mean:0.#####} | [{Low:0.#####}, {High:0.#####}] | {(Holds ? "inside" : "OUTSIDE")} |");
    }

    /// <summary>The 99% Student t interval of the mean of independent replication values.</summary>
    public static Agreement Compare(string @case, string measure, double theory, IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = values.Average();
        var half = T995(n - 1) * Statistics.StandardDeviation(values) / Math.Sqrt(n);
        return new Agreement(@case, measure, theory, mean, mean - half, mean + half, n);
    }

    /// <summary>Prints each agreement as a row of the table in docs/validation.md and asserts every theory value lies inside its interval.</summary>
    public static void AssertAll(ITestOutputHelper output, params Agreement[] agreements)
    {
        output.WriteLine("| case | measure | theory | simulated (mean of replications) | 99% interval | |");
        foreach (var a in agreements)
        {
            output.WriteLine(a.ToString());
        }
        var outside = agreements.Where(a => !a.Holds).Select(a => $"{a.Case} {a.Measure}: theory {a.Theory} outside [{a.Low}, {a.High}]").ToList();
        Assert.True(outside.Count == 0, string.Join("; ", outside));
    }

    /// <summary>Runs a fresh simulator over <paramref name="days"/> days after <paramref name="warmupDays"/> days of warm-up (statistics from then on).</summary>
    public static Simulator Run(Scenario scenario, long seed, int replication, int days, double warmupDays)
    {
        var sim = new Simulator(scenario, seed, replication, days, warmupDays: warmupDays);
        sim.RunToEnd();
        return sim;
    }

    /// <summary>Incidents counted by the statistics (created after the warm-up).</summary>
    public static List<IncidentRecord> Counted(Simulator sim) => sim.Incidents.Where(i => i.CreatedAt >= sim.StatsFrom).ToList();
}
