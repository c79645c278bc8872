using Dispatch.Model.Simulation;
using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Theory;

/// <summary>
/// Little's law on the simulated dispatch queue: mean queue length L = arrival rate lambda x mean
/// wait W. On every sample path the time-average queue length the kernel accumulates equals the
/// observed arrival rate times the mean wait (waits of incidents still queued at the end counted
/// up to the end), to rounding; and across replications both sides agree with the M/M/c values.
/// </summary>
public class LittlesLawTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3, 0.8)]
    [InlineData(5, 0.9)]
    public void Mean_queue_length_equals_arrival_rate_times_mean_wait(int c, double rho)
    {
        const double meanService = 10;
        const int days = 30;
        var scenario = MmC(c, rho, meanService, days);
        var lengths = new List<double>();
        var products = new List<double>();
        for (var r = 0; r < 20; r++)
        {
            var sim = Run(scenario, seed: 11, replication: r);
            var end = sim.Now;
            // Sample path: the area under the queue-length curve is the sum of the waits.
            var waitSum = sim.Incidents.Sum(i => (double.IsNaN(i.DispatchedAt) ? end : i.DispatchedAt) - i.CreatedAt);
            var lambda = sim.Incidents.Count / end;
            var meanWait = waitSum / sim.Incidents.Count;
            Assert.Equal(lambda * meanWait, sim.MeanQueueLength, 9);
            lengths.Add(sim.MeanQueueLength);
            products.Add(lambda * meanWait);
        }
        var mu = 1 / meanService;
        var lambdaTheory = rho * c * mu;
        var wq = TheoryKit.ErlangC(c, rho * c) / (c * mu - lambdaTheory);
        // Every replication starts empty; with 30 days per run the start-up shortfall is at most
        // tau / T of the value (tau = 1 / (c mu (1 - sqrt rho)^2), under 0.7% here), allowed one-sided.
        var tau = 1 / (c * mu * Math.Pow(1 - Math.Sqrt(rho), 2));
        var allowance = lambdaTheory * wq * tau / (days * 1440.0);
        var lq = TheoryKit.Compare($"M/M/{c}, rho {rho}", "Lq = time-average queue length", lambdaTheory * wq, lengths);
        var lw = TheoryKit.Compare($"M/M/{c}, rho {rho}", "lambda x Wq (observed)", lambdaTheory * wq, products);
        TheoryKit.AssertAll(output, lq with { High = lq.High + allowance }, lw with { High = lw.High + allowance });
        output.WriteLine($"(start-up allowance {allowance:0.#####} added to the upper ends: relaxation time {tau:0} min over {days} days)");
    }

    [Fact]
    public void The_queue_length_accounting_is_exact_with_priorities_and_a_warm_up()
    {
        // Two priorities, an overloaded single unit (the queue grows), statistics after half a day.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, 3, mix: new() { ["urgent"] = 0.3, ["routine"] = 0.7 })],
            units: [Unit("car", "car", post: [0, 0])],
            types: [Type("urgent", 1, Exponential(30)), Type("routine", 3, Exponential(30))],
            days: 3,
            seed: 3));
        var sim = new Simulator(scenario, 3, 0, warmupDays: 0.5);
        sim.RunToEnd();
        var from = sim.StatsFrom;
        var end = sim.Now;
        // Area after the warm-up: each incident's time in the queue clipped to [from, end].
        var area = sim.Incidents.Sum(i => Math.Max(0, Math.Min(double.IsNaN(i.DispatchedAt) ? end : i.DispatchedAt, end) - Math.Max(i.CreatedAt, from)));
        Assert.True(sim.QueueLength > 5, "the queue should grow in this scenario");
        Assert.Equal(area / (end - from), sim.MeanQueueLength, 9);
    }
}
