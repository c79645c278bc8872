using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;
namespace Dispatch.Model.Tests;
public class Scratch(ITestOutputHelper o)
{
    [Fact]
    public void FindSeed()
    {
        for (var seed = 1; seed < 60; seed++)
        {
            var sim = Run(Build(Document(
                zones: [Zone("A", 1000, 0, 1e-4, 0.04), Zone("B", 3000, 0, 1e-4, 0.04)],
                units: [Unit("car", "car")],
                types: [Type("T", 2, Fixed(10), target: 5)],
                days: 10, seed: seed)));
            var inc = sim.Incidents;
            var ok = true;
            for (var k = 1; k < inc.Count; k++)
                if (!(inc[k].CreatedAt > inc[k-1].ClearedAt + (inc[k-1].Zone == 0 ? 2.8 : 8.4))) ok = false;
            if (ok) o.WriteLine($"seed {seed}: n={inc.Count} nA={inc.Count(i => i.Zone == 0)} last={inc[^1].ClearedAt}");
        }
    }
}
