using Dispatch.Model.Fitting;
using Dispatch.Model.Loading;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Demand;

/// <summary>
/// The shipped synthetic history (scenarios/history/fit-town-incidents.csv) is exactly 12 weeks of
/// scenarios/fit-town.json with its seed: regenerate it with DISPATCH_UPDATE_HISTORY=1.
/// </summary>
public sealed class SyntheticHistoryTests
{
    public static string HistoryFile => ValidationTestKit.Scenario(Path.Combine("history", "fit-town-incidents.csv"));

    public static string ZonesFile => ValidationTestKit.Scenario(Path.Combine("history", "fit-town-zones.geojson"));

    public static Dispatch.Model.Scenarios.Scenario Known => ScenarioLoader.Load(ValidationTestKit.Scenario("fit-town.json"));

    [Fact]
    public void The_shipped_history_is_the_known_scenario_s_incidents()
    {
        var written = HistoryWriter.Write(Run(Known));
        if (Environment.GetEnvironmentVariable("DISPATCH_UPDATE_HISTORY") == "1")
        {
            File.WriteAllText(HistoryFile, written);
        }
        Assert.True(File.Exists(HistoryFile), $"{HistoryFile} is missing: run this test with DISPATCH_UPDATE_HISTORY=1");
        Assert.Equal(written, File.ReadAllText(HistoryFile));
        Assert.StartsWith(HistoryWriter.Header + "\n2023-01-02 ", written);
    }
}
