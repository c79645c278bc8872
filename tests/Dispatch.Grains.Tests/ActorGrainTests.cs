using System.Globalization;
using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;

namespace Dispatch.Grains.Tests;

/// <summary>Zone and unit grains of a finished run hold what the report and units.csv say, for every zone and unit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActorGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Every_zone_and_unit_grain_of_a_short_pengjiang_run_matches_its_report_row()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("pengjiang.json")));
        const string runId = "actors-pengjiang";
        var experiment = Grains.GetGrain<IExperimentGrain>(runId);
        await experiment.SubmitAsync(new ExperimentRequest(await Documents.StoreAsync(Grains, json), "pengjiang", 2023, 1, 1, 0, 360, Actors: true));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            while ((await experiment.GetStatusAsync())!.State == ExperimentState.Running)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
        var result = await experiment.GetResultAsync();
        var report = result.ReadAggregate();
        var replication = $"{runId}-r0";

        var zoneIncidents = 0;
        foreach (var row in report.Zones)
        {
            var zone = await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(replication, row.Id)).GetAsync();
            Assert.NotNull(zone);
            Assert.True(zone.Final);
            Assert.Equal(row.Kind, zone.Kind);
            Assert.Equal((int)row.Incidents, zone.Incidents);
            Assert.Equal(zone.Incidents, zone.IncidentsByHour!.Sum());
            Assert.Equal(zone.Incidents, zone.IncidentsByType!.Values.Sum());
            Assert.Equal(row.VisibilityRate, zone.VisibilityRate);
            if (row.ResponseMinutesMean is { } mean)
            {
                Assert.Equal(mean, ReportBuilder.Round(zone.ResponseMinutesMean), 5);
            }
            else
            {
                Assert.Equal(0, zone.Attended);
            }
            zoneIncidents += zone.Incidents;
        }
        Assert.Equal((int)report.Incidents.Total, zoneIncidents);
        Assert.True(zoneIncidents > 50, $"{zoneIncidents} incidents: too few to show anything");

        var rows = result.Replications[0].UnitsCsvRows.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Units.Count, rows.Length);
        var header = CsvWriters.UnitsHeader.Split(',');
        foreach (var line in rows)
        {
            var cells = header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
            var unit = await Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(replication, cells["id"])).GetAsync();
            Assert.NotNull(unit);
            Assert.Equal(cells["mode"], unit.Mode);
            Assert.Equal(int.Parse(cells["dispatches"], CultureInfo.InvariantCulture), unit.Dispatches);
            var m = unit.Minutes!;
            foreach (var (name, value) in new[] { ("patrol", m.Patrol), ("post", m.Post), ("check", m.Check), ("enRoute", m.EnRoute),
                ("onScene", m.OnScene), ("idle", m.Idle), ("returning", m.Returning), ("offShift", m.OffShift) })
            {
                Assert.Equal(double.Parse(cells[name], CultureInfo.InvariantCulture), value, 0.00005001); // units.csv has 4 decimals
            }
            Assert.Equal(1440, m.Patrol + m.Post + m.Check + m.EnRoute + m.OnScene + m.Idle + m.Returning + m.OffShift, 3);
            Assert.NotEmpty(unit.Timeline!);
        }
    }

    [Fact]
    public async Task A_batch_run_stores_one_final_batch_and_each_grain_takes_its_part_when_asked()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
        const string runId = "actors-lazy";
        var experiment = Grains.GetGrain<IExperimentGrain>(runId);
        await experiment.SubmitAsync(new ExperimentRequest(await Documents.StoreAsync(Grains, json), "small-town", 1, 1, 1, 0, 1440, Actors: true));
        while ((await experiment.GetStatusAsync())!.State == ExperimentState.Running)
        {
            await Task.Delay(50);
        }
        var report = (await experiment.GetResultAsync()).ReadAggregate();
        var replication = $"{runId}-r0";
        // At the end: one stored batch, and no zone or unit grain woken.
        Assert.Equal(1, StoredRows("final", replication));
        Assert.Equal(0, StoredRows("zone", replication + "/"));
        Assert.Equal(0, StoredRows("unit", replication + "/"));

        // Asked, a zone takes its part (and keeps it); an unknown zone of the run stays unknown.
        var row = report.Zones.First(z => z.Incidents > 0);
        var zone = await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(replication, row.Id)).GetAsync();
        Assert.NotNull(zone);
        Assert.True(zone.Final);
        Assert.Equal((int)row.Incidents, zone.Incidents);
        Assert.Equal(1, StoredRows("zone", replication + "/"));
        Assert.Null(await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(replication, "no-such-zone")).GetAsync());
        var unit = await Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(replication, report.Units[0].Id)).GetAsync();
        Assert.NotNull(unit);
        Assert.Equal(report.Units[0].Dispatches, unit.Dispatches);
        Assert.Equal(1, StoredRows("unit", replication + "/"));
    }

    /// <summary>Rows of one state name whose grain key starts with <paramref name="keyPrefix"/>, in the cluster's SQLite file.</summary>
    private long StoredRows(string stateName, string keyPrefix)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = $name AND substr(GrainIdExtensionString, 1, length($prefix)) = $prefix";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$prefix", keyPrefix);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_run_that_opts_out_feeds_no_zone_or_unit_grain()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
        var experiment = Grains.GetGrain<IExperimentGrain>("actors-off");
        await experiment.SubmitAsync(new ExperimentRequest(await Documents.StoreAsync(Grains, json), "small-town", 1, 1, 1, 0, 1440, Actors: false));
        while ((await experiment.GetStatusAsync())!.State == ExperimentState.Running)
        {
            await Task.Delay(50);
        }
        Assert.Null(await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone("actors-off-r0", "mall")).GetAsync());
    }
}
