using Dispatch.Model.Reporting;
using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// The kernel against queueing theory. A scenario built as an M/M/c queue (Poisson arrivals,
/// exponential on-scene times, c identical units, negligible travel, FCFS) must reproduce the
/// Erlang C waiting probability and the mean wait in queue.
/// </summary>
public class ErlangCTests(ITestOutputHelper output)
{
    private const double MeanService = 60; // 1/mu, minutes

    /// <summary>
    /// 0.995 quantiles of Student's t (two-sided 99% intervals), from standard tables, by degrees of freedom.
    /// </summary>
    private static readonly Dictionary<int, double> T995 = new()
    {
        [19] = 2.860935, [24] = 2.796940, [29] = 2.756386, [39] = 2.707913,
    };

    /// <summary>Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu.</summary>
    public static double ErlangC(int c, double a)
    {
        var sum = 0.0;
        var term = 1.0; // a^k / k!
        for (var k = 0; k < c; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }
        // term is now a^c / c!.
        var waiting = term * c / (c - a);
        return waiting / (sum + waiting);
    }

    [Fact]
    public void Erlang_C_formula_matches_known_values()
    {
        // c = 1: M/M/1, P(wait) = rho.
        Assert.Equal(0.7, ErlangC(1, 0.7), 12);
        // c = 2, a = 1: (1/2 x 2) / (1 + 1 + 1) = 1/3.
        Assert.Equal(1.0 / 3, ErlangC(2, 1), 12);
        // c = 3, a = 2.4: 11.52 / (6.28 + 11.52) by hand.
        Assert.Equal(11.52 / 17.8, ErlangC(3, 2.4), 12);
    }

    /// <summary>The same at the highest load, whose long runs take several seconds (so in the Slow category).</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(5, 0.9, 400, 30)]
    public void MMc_scenario_reproduces_Erlang_C_at_high_load(int c, double rho, int days, int replications) =>
        MMc_scenario_reproduces_Erlang_C(c, rho, days, replications);

    [Theory]
    [InlineData(3, 0.5, 200, 30)]
    [InlineData(3, 0.8, 300, 30)]
    public void MMc_scenario_reproduces_Erlang_C(int c, double rho, int days, int replications)
    {
        var mu = 1 / MeanService;
        var lambda = rho * c * mu;
        var probWaitTheory = ErlangC(c, lambda / mu);
        var waitTheory = probWaitTheory / (c * mu - lambda);
        var queueLengthTheory = lambda * waitTheory; // Little's law
        var scenario = MmC(c, rho, MeanService, days);

        var probWait = new List<double>();
        var wait = new List<double>();
        var queueLength = new List<double>();
        var utilisation = new List<double>();
        for (var r = 0; r < replications; r++)
        {
            var report = Report(Run(scenario, seed: 2024, replication: r));
            probWait.Add(report.QueueWaitMinutes.ProbWait!.Value);
            wait.Add(report.QueueWaitMinutes.Mean!.Value);
            queueLength.Add(report.QueueWaitMinutes.MeanQueueLength!.Value);
            utilisation.Add(report.ByMode.Single().Utilisation!.Value);
        }

        // Start-up bias: every replication starts empty, so its averages fall short of the
        // steady state. For a quantity relaxing as X(1 - exp(-t/tau)) the time average over T
        // falls short by at most X tau / T. The relaxation time of M/M/1 is 1/(mu (1 - sqrt rho)^2)
        // (Morse; Abate and Whitt); an M/M/c with a queue behaves like an M/M/1 with rate c mu,
        // so tau = 1/(c mu (1 - sqrt rho)^2). The allowance is one-sided (the simulation can only
        // be low on that account). Travel is at most 0.71 m x 1.4 / 500 m/min = 0.002 min per trip,
        // under 0.01% of the mean service time, and is not allowed for.
        var tau = 1 / (c * mu * Math.Pow(1 - Math.Sqrt(rho), 2));
        var startUpShare = tau / (days * 1440.0);
        output.WriteLine($"M/M/{c}, rho = {rho}, 1/mu = {MeanService} min, {replications} replications x {days} days; " +
            $"relaxation time {tau:0} min, start-up allowance {startUpShare:P2} of theory (one-sided)");

        var failures = new List<string>();
        Check("P(wait)", probWaitTheory, probWait);
        Check("Wq (min)", waitTheory, wait);
        Check("Lq", queueLengthTheory, queueLength);
        Check("utilisation", rho, utilisation);
        Assert.Empty(failures);

        void Check(string name, double theory, List<double> values)
        {
            // 99% Student t interval of the replication mean (replications are independent).
            var n = values.Count;
            var mean = values.Average();
            var half = T995[n - 1] * Statistics.StandardDeviation(values) / Math.Sqrt(n);
            var low = mean - half;
            var high = mean + half + theory * startUpShare;
            var ok = theory >= low && theory <= high;
            output.WriteLine($"  {name,-12} theory {theory,10:0.00000}  simulated {mean,10:0.00000}  99% interval [{low:0.00000}, {high:0.00000}] (±{half:0.00000}){(ok ? "" : "  FAIL")}");
            if (!ok)
            {
                failures.Add(name);
            }
        }
    }
}
