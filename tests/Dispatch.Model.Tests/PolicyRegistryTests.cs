using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.ValidationTestKit;

namespace Dispatch.Model.Tests;

/// <summary>
/// The patrol and dispatch registries are consistent: names unique, each factory makes a policy of
/// its own name, validation accepts exactly the registered names, and the docs list them.
/// </summary>
public class PolicyRegistryTests
{
    /// <summary>Names near the registered ones that validation must refuse (case, spacing, typos, other kinds' names).</summary>
    private static IEnumerable<string> NearMisses(IReadOnlyList<string> names, IReadOnlyList<string> others) =>
        names.SelectMany(n => new[] { n.ToUpperInvariant(), n + "x", n.Replace('-', '_'), " " + n, n[..^1] })
            .Concat(others).Concat(["", "random"]).Where(n => !names.Contains(n)).Distinct();

    [Fact]
    public void Patrol_registry_names_are_unique_and_each_factory_makes_its_own_policy()
    {
        var names = PatrolPolicies.Names;
        Assert.NotEmpty(names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PatrolPolicies.Registry.Entries.Select(e => e.Name), names);
        foreach (var entry in PatrolPolicies.Registry.Entries)
        {
            Assert.Equal(entry.Name, entry.Create().Name);
            Assert.Equal(entry.Name, PatrolPolicies.Create(entry.Name).Name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Description));
        }
        Assert.Throws<ArgumentException>(() => PatrolPolicies.Create("random"));
    }

    [Fact]
    public void Dispatch_registry_names_are_unique_and_each_factory_makes_its_own_policy()
    {
        var names = DispatchPolicies.Names;
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DispatchOptions.DefaultPolicy, names[0]);
        var scenario = ScenarioWith(Valid);
        foreach (var entry in DispatchPolicies.Registry.Entries)
        {
            Assert.Equal(entry.Name, entry.Create(scenario).Name);
            Assert.Equal(entry.Name, DispatchPolicies.Create(scenario with { Dispatch = scenario.Dispatch with { Policy = entry.Name } }).Name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Description));
        }
        Assert.Throws<ArgumentException>(() => DispatchPolicies.Create(scenario with { Dispatch = scenario.Dispatch with { Policy = "random" } }));
    }

    [Fact]
    public void A_registry_refuses_a_name_registered_twice_and_lists_names_as_a_reader_would()
    {
        PolicyEntry<Func<int>> Entry(string name) => new(name, "d", () => 0);
        Assert.Throws<ArgumentException>(() => new PolicyRegistry<Func<int>>("test", [Entry("a"), Entry("b"), Entry("a")]));
        Assert.Equal("a", new PolicyRegistry<Func<int>>("test", [Entry("a")]).NameList);
        Assert.Equal("a or b", new PolicyRegistry<Func<int>>("test", [Entry("a"), Entry("b")]).NameList);
        Assert.Equal("a, b or c", new PolicyRegistry<Func<int>>("test", [Entry("a"), Entry("b"), Entry("c")]).NameList);
    }

    [Fact]
    public void Validation_accepts_exactly_the_registered_patrol_policies()
    {
        foreach (var name in PatrolPolicies.Names)
        {
            var v = Check(WithSection($"\"patrol\": {{ \"policy\": \"{name}\" }}"));
            Assert.True(v.IsValid, string.Join("\n", v.Problems));
            Assert.Equal(name, v.Scenario!.Patrol.Policy);
        }
        foreach (var name in NearMisses(PatrolPolicies.Names, DispatchPolicies.Names))
        {
            var v = Check(WithSection($"\"patrol\": {{ \"policy\": \"{name}\" }}"));
            Error(v, "patrol.policy", $"'{name}' is not a policy; expected {PatrolPolicies.Registry.NameList} (lower case)");
        }
    }

    [Fact]
    public void Validation_accepts_exactly_the_registered_dispatch_policies()
    {
        Assert.Equal(DispatchOptions.DefaultPolicy, ScenarioWith(Valid).Dispatch.Policy);
        foreach (var name in DispatchPolicies.Names)
        {
            var v = Check(WithSection($"\"dispatch\": {{ \"policy\": \"{name}\" }}"));
            Assert.True(v.IsValid, string.Join("\n", v.Problems));
            Assert.Equal(name, v.Scenario!.Dispatch.Policy);
        }
        foreach (var name in NearMisses(DispatchPolicies.Names, PatrolPolicies.Names))
        {
            var v = Check(WithSection($"\"dispatch\": {{ \"policy\": \"{name}\" }}"));
            Error(v, "dispatch.policy", $"'{name}' is not a dispatch policy; expected {DispatchPolicies.Registry.NameList} (lower case)");
        }
    }

    [Fact]
    public void An_unknown_dispatch_policy_is_located_in_the_file_with_a_suggestion()
    {
        var v = Check(WithSection("\"dispatch\": { \"policy\": \"own-sector-frist\" }"));
        var p = Error(v, "dispatch.policy", "did you mean 'own-sector-first'?");
        Assert.Equal(12, p.Line);
    }

    [Fact]
    public void The_sector_margin_defaults_to_3_minutes_and_must_not_be_negative()
    {
        Assert.Equal(3, ScenarioWith(Valid).Dispatch.SectorMarginMinutes);
        Assert.Equal(1.5, ScenarioWith(WithSection("\"dispatch\": { \"policy\": \"own-sector-first\", \"sectorMarginMinutes\": 1.5 }")).Dispatch.SectorMarginMinutes);
        Assert.Equal(0, ScenarioWith(WithSection("\"dispatch\": { \"sectorMarginMinutes\": 0 }")).Dispatch.SectorMarginMinutes);
        Error(Check(WithSection("\"dispatch\": { \"sectorMarginMinutes\": -1 }")), "dispatch.sectorMarginMinutes", "is -1; expected 0 or more minutes");
    }

    [Fact]
    public void The_scenario_format_doc_lists_exactly_the_registered_policies()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md"));
        Assert.Equal(PolicyDocs.Block("patrol", PatrolPolicies.Registry), PolicyDocs.Find(doc, "patrol"));
        Assert.Equal(PolicyDocs.Block("dispatch", DispatchPolicies.Registry), PolicyDocs.Find(doc, "dispatch"));
    }

    /// <summary><see cref="ValidationTestKit.Valid"/> with one more top-level section on its own line (line 12).</summary>
    private static string WithSection(string section) =>
        With("  \"units\": [", $"  {section},\n  \"units\": [");

    private static Scenario ScenarioWith(string json)
    {
        var v = Check(json);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        return v.Scenario!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dispatch.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The marked blocks of docs/scenario-format.md that list the registered policies.</summary>
internal static class PolicyDocs
{
    private static string Begin(string kind) => $"<!-- {kind} policies: generated from the registry; a test holds this table to it -->";

    private static string End(string kind) => $"<!-- end of {kind} policies -->";

    /// <summary>The block as it must read: a table of name and description, in registration order.</summary>
    public static string Block<TFactory>(string kind, PolicyRegistry<TFactory> registry)
        where TFactory : Delegate =>
        string.Join("\n", new[] { Begin(kind), "| Name | What it does |", "|---|---|" }
            .Concat(registry.Entries.Select(e => $"| `{e.Name}` | {e.Description} |"))
            .Append(End(kind)));

    /// <summary>The block of <paramref name="kind"/> in the doc (empty when its markers are missing).</summary>
    public static string Find(string doc, string kind)
    {
        doc = doc.Replace("\r\n", "\n");
        var from = doc.IndexOf(Begin(kind), StringComparison.Ordinal);
        var to = doc.IndexOf(End(kind), StringComparison.Ordinal);
        return from < 0 || to < from ? "" : doc[from..(to + End(kind).Length)];
    }
}
