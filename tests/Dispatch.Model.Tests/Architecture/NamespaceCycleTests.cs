using Dispatch.Model.Simulation;

namespace Dispatch.Model.Tests.Architecture;

/// <summary>No namespace of Dispatch.Model uses another that uses it back, directly or round a loop.</summary>
public class NamespaceCycleTests
{
    [Fact]
    public void The_model_has_no_namespace_cycle()
    {
        var graph = NamespaceGraph.Of(typeof(Simulator).Assembly, "Dispatch.Model");
        var cycles = NamespaceGraph.Cycles(graph);
        var detail = cycles.Select(c => string.Join(" <-> ", c) + ": "
            + string.Join("; ", c.SelectMany(from => graph.TryGetValue(from, out var e) ? e.Where(x => c.Contains(x.Key)).Select(x => x.Value) : [])));
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join(" | ", detail));
    }

    [Fact]
    public void The_graph_sees_uses_in_signatures_and_in_method_bodies()
    {
        var graph = NamespaceGraph.Of(typeof(Simulator).Assembly, "Dispatch.Model");
        // ReportBuilder.Build(Simulator) names the kernel in its signature.
        Assert.Contains("Dispatch.Model.Simulation", graph["Dispatch.Model.Reporting"].Keys);
        // The fixture's two namespaces use each other only inside method bodies.
        var fixture = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly, "Dispatch.Model.Tests.Architecture.CycleFixture");
        Assert.Equal(["Dispatch.Model.Tests.Architecture.CycleFixture.Right"], fixture["Dispatch.Model.Tests.Architecture.CycleFixture.Left"].Keys);
        Assert.Equal(["Dispatch.Model.Tests.Architecture.CycleFixture.Left"], fixture["Dispatch.Model.Tests.Architecture.CycleFixture.Right"].Keys);
        var cycle = Assert.Single(NamespaceGraph.Cycles(fixture));
        Assert.Equal(["Dispatch.Model.Tests.Architecture.CycleFixture.Left", "Dispatch.Model.Tests.Architecture.CycleFixture.Right"], cycle);
    }

    [Fact]
    public void A_loop_through_three_namespaces_is_a_cycle_and_a_chain_is_not()
    {
        static Dictionary<string, Dictionary<string, string>> Graph(params (string From, string To)[] edges) =>
            edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.ToDictionary(e => e.To, e => "test"));
        Assert.Empty(NamespaceGraph.Cycles(Graph(("A", "B"), ("B", "C"), ("A", "C"))));
        Assert.Equal([["A", "B", "C"]], NamespaceGraph.Cycles(Graph(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"))));
    }
}
