namespace Dispatch.Golden.Tests;

/// <summary>
/// One golden case: a CLI command over a checked-in scenario, and the output files (text only;
/// charts are images and are checked elsewhere) whose exact bytes are kept in
/// <c>expected/&lt;Name&gt;/</c>. <c>{out}</c>, <c>{state}</c> and <c>{repo}</c> in the arguments
/// are replaced by the case's output folder, its state file and the repository root.
/// </summary>
public sealed record GoldenCase(string Name, string[] Arguments, string[] Files)
{
    private static readonly string[] RunFiles = ["report.json", "report.md", "incidents.csv", "units.csv"];

    /// <summary>Every case, by name. Short runs with fixed seeds: the whole set runs in seconds.</summary>
    public static readonly IReadOnlyList<GoldenCase> All =
    [
        Run("pengjiang", "scenarios/pengjiang.json", "--days", "1", "--seed", "2023"),
        Run("pengjiang-no-surge", "scenarios/pengjiang-no-surge.json", "--days", "1", "--seed", "2023"),
        Run("small-town", "scenarios/small-town.json", "--days", "3", "--seed", "7"),
        Run("small-town-3-replications", "scenarios/small-town.json", "--days", "2", "--seed", "11", "--replications", "3"),
        Run("small-town-warmup", "scenarios/small-town.json", "--days", "3", "--seed", "5", "--warmup-days", "1"),
        Run("small-town-roads", "scenarios/small-town.json", "--overlay", "{repo}/scenarios/overlays/small-town-roads.json", "--days", "3", "--seed", "7"),
        Run("mmc-erlang", "scenarios/mmc-erlang.json", "--days", "3", "--seed", "3"),
        Run("synthetic-city", "tests/Dispatch.Golden.Tests/scenarios/synthetic-city.json", "--days", "2", "--seed", "5"),
        new("compare-surge",
            ["compare", "{repo}/scenarios/pengjiang-no-surge.json", "{repo}/scenarios/pengjiang.json", "--days", "1", "--replications", "2",
             "--seed", "2023", "--out", "{out}", "--state", "{state}"],
            ["compare.json", "compare.md", .. RunFiles.Select(f => "a/" + f), .. RunFiles.Select(f => "b/" + f)]),
        new("validate-broken", ["validate", "{repo}/scenarios/broken-example.json"], [GoldenRunner.ConsoleFile]),
    ];

    private static GoldenCase Run(string name, string scenario, params string[] options) =>
        new(name, ["run", "{repo}/" + scenario, .. options, "--out", "{out}", "--state", "{state}"], RunFiles);

    public override string ToString() => Name;
}
