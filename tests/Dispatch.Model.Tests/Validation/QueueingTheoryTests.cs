using Dispatch.Model.Scenarios;
using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Theory;

/// <summary>
/// The kernel against queueing theory beyond plain Erlang C (which <see cref="ErlangCTests"/>
/// checks at loads 0.5, 0.8 and 0.9): non-pre-emptive priority M/M/c (Cobham's formula, mean wait
/// per priority class) and the loss system (queueing off: the diverted share is Erlang B, for
/// exponential and for fixed on-scene times, since Erlang B depends on the service time only
/// through its mean). Scenarios are M/M/c queues built in code: c cars posted at (0, 0), one 0.5 m
/// zone around them (travel at most 0.002 min), constant Poisson arrivals.
/// </summary>
public class QueueingTheoryTests(ITestOutputHelper output)
{
    private const double MeanService = 10; // 1/mu, minutes

    /// <summary>An M/M/c scenario whose incidents are split over types with the given priorities and shares.</summary>
    private static Scenario Classes(int c, double rho, (int Priority, double Share)[] classes, DurationDocument service, bool queue = true)
    {
        var lambdaPerHour = rho * c / MeanService * 60.0;
        var types = classes.Select(k => Type($"p{k.Priority}", k.Priority, service)).ToList();
        var mix = classes.ToDictionary(k => $"p{k.Priority}", k => k.Share);
        return Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, lambdaPerHour, mix: mix)],
            units: [Unit("car", "car", post: [0, 0], count: c)],
            types: types,
            queue: queue,
            days: 1));
    }

    /// <summary>
    /// Non-pre-emptive priority M/M/c with equal service rates (Cobham 1954; Kleinrock vol. 2,
    /// 3.7): the mean wait in queue of class k is <c>W_k = C(c, a) / (c mu) / ((1 - s_{k-1}) (1 - s_k))</c>,
    /// where <c>s_k</c> is the load of classes 1..k per server (sum of lambda_i / (c mu)) and
    /// <c>C(c, a)</c> the Erlang C waiting probability of the whole load. 20 replications of 40
    /// days after 2 days of warm-up (over 100 relaxation times of the queue, so no start-up bias).
    /// </summary>
    [Fact]
    public void Priority_MMc_mean_wait_per_class_matches_Cobham()
    {
        const int c = 3;
        const double rho = 0.8;
        (int Priority, double Share)[] classes = [(1, 0.3), (2, 0.3), (3, 0.4)];
        var scenario = Classes(c, rho, classes, Exponential(MeanService));
        var mu = 1 / MeanService;
        var pWait = TheoryKit.ErlangC(c, rho * c);
        var waits = classes.Select(_ => new List<double>()).ToArray();
        var overall = new List<double>();
        for (var r = 0; r < 20; r++)
        {
            var sim = TheoryKit.Run(scenario, seed: 77, replication: r, days: 42, warmupDays: 2);
            var served = TheoryKit.Counted(sim).Where(i => !double.IsNaN(i.DispatchedAt)).ToList();
            for (var k = 0; k < classes.Length; k++)
            {
                waits[k].Add(served.Where(i => i.InitialPriority == classes[k].Priority).Average(i => i.QueueWaitMinutes));
            }
            overall.Add(served.Average(i => i.QueueWaitMinutes));
        }
        var agreements = new List<TheoryKit.Agreement>();
        var below = 0.0;
        for (var k = 0; k < classes.Length; k++)
        {
            var upTo = below + classes[k].Share * rho;
            var theory = pWait / (c * mu) / ((1 - below) * (1 - upTo));
            agreements.Add(TheoryKit.Compare($"priority M/M/{c}, rho {rho}", $"Wq class {classes[k].Priority} (min)", theory, waits[k]));
            below = upTo;
        }
        // Work conservation: the mix of the classes waits as long as one FCFS class would (Erlang C).
        agreements.Add(TheoryKit.Compare($"priority M/M/{c}, rho {rho}", "Wq all classes (min)", pWait / (c * mu - rho * c * mu), overall));
        TheoryKit.AssertAll(output, [.. agreements]);
    }

    /// <summary>
    /// Queueing off (dispatch.queue = false): an incident finding every unit busy is diverted, so
    /// the fleet is an M/G/c/c loss system and the diverted share is Erlang B, <c>B(c, a) =
    /// (a^c / c!) / sum_k a^k / k!</c>, whatever the distribution of the on-scene time. 20
    /// replications of 30 days after 1 day of warm-up.
    /// </summary>
    [Theory]
    [InlineData(3, 0.8, "exponential")]
    [InlineData(5, 0.5, "exponential")]
    [InlineData(5, 0.9, "fixed")]
    public void Without_queueing_the_diverted_share_is_Erlang_B(int c, double rho, string distribution)
    {
        var service = distribution == "fixed" ? Fixed(MeanService) : Exponential(MeanService);
        var scenario = Classes(c, rho, [(2, 1.0)], service, queue: false);
        var shares = new List<double>();
        for (var r = 0; r < 20; r++)
        {
            var report = Report(TheoryKit.Run(scenario, seed: 5, replication: r, days: 31, warmupDays: 1));
            Assert.Equal(0, report.Incidents.QueuedAtEnd);
            shares.Add(report.Incidents.Diverted / report.Incidents.Total);
        }
        TheoryKit.AssertAll(output, TheoryKit.Compare($"loss M/{(distribution == "fixed" ? "D" : "M")}/{c}/{c}, a = {rho * c:0.##}",
            "diverted share", TheoryKit.ErlangB(c, rho * c), shares));
    }

    [Fact]
    public void Erlang_formulas_match_known_values()
    {
        // B(1, a) = a / (1 + a); B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2; by hand B(3, 2.4) = 2.304 / 8.584.
        Assert.Equal(0.5, TheoryKit.ErlangB(1, 1), 12);
        Assert.Equal(0.2, TheoryKit.ErlangB(2, 1), 12);
        Assert.Equal(2.304 / 8.584, TheoryKit.ErlangB(3, 2.4), 12);
        // Erlang C through Erlang B agrees with the direct formula of ErlangCTests.
        foreach (var (c, a) in new[] { (1, 0.7), (3, 2.4), (5, 4.5), (40, 36.0) })
        {
            Assert.Equal(ErlangCTests.ErlangC(c, a), TheoryKit.ErlangC(c, a), 10);
        }
    }
}
