using Dispatch.Abstractions;
using Dispatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace Dispatch.Grains.Tests;

/// <summary>Grain state written to the SQLite file is read back by a new silo on the same file.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task State_written_to_sqlite_survives_a_silo_restart()
    {
        var database = TestPaths.TempFile("restart.db");
        var json = File.ReadAllText(TestPaths.Scenario("mmc-erlang.json"));
        const string runId = "restart-run";
        string reportBefore;
        UnitView? unitBefore;
        ZoneView? zoneBefore;

        using (var silo = await StartSiloAsync(database))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var run = grains.GetGrain<IScenarioGrain>(runId);
            await run.StartAsync(new RunRequest(await Documents.StoreAsync(grains, json), 3, 0, 2));
            await run.AdvanceAsync(double.PositiveInfinity);
            var second = grains.GetGrain<IScenarioGrain>(runId + "-second");
            await second.StartAsync(new RunRequest(await Documents.StoreAsync(grains, json), 3, 1, 2));
            await second.AdvanceAsync(1000);
            reportBefore = (await run.GetResultAsync()).ReportJson;
            unitBefore = await grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "unit-2")).GetAsync();
            zoneBefore = await grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "square")).GetAsync();
            await silo.StopAsync();
        }

        using (var silo = await StartSiloAsync(database))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var unitAfter = await grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "unit-2")).GetAsync();
            var zoneAfter = await grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "square")).GetAsync();
            var run = grains.GetGrain<IScenarioGrain>(runId);
            var progress = await run.GetProgressAsync();

            Assert.NotNull(unitBefore);
            Assert.Equal(unitBefore with { Timeline = null }, unitAfter! with { Timeline = null });
            Assert.Equal(unitBefore.Timeline!, unitAfter.Timeline!);
            Assert.NotNull(zoneAfter);
            Assert.Equal(zoneBefore!.Incidents, zoneAfter.Incidents);
            Assert.Equal(zoneBefore.Attended, zoneAfter.Attended);
            Assert.Equal(zoneBefore.Recent.Select(r => r.Id), zoneAfter.Recent.Select(r => r.Id));
            Assert.True(progress.IsFinished);
            Assert.Equal(reportBefore, (await run.GetResultAsync()).ReportJson);
            Assert.Equal(1000, (await grains.GetGrain<IScenarioGrain>(runId + "-second").GetProgressAsync()).SimulatedMinute);
            await silo.StopAsync();
        }

        // What is stored: the scenario text once for both runs, each run's request and checkpoint,
        // and a row per zone and per unit of each run (their grains' own state).
        Assert.Equal(1, StoredRows(database, "scenario"));
        Assert.Equal(2, StoredRows(database, "request"));
        Assert.Equal(2, StoredRows(database, "run"));
        var scenario = Dispatch.Model.Loading.ScenarioCache.Build(json);
        Assert.Equal(2 * scenario.Zones.Count, StoredRows(database, "zone"));
        Assert.Equal(2 * scenario.Units.Count, StoredRows(database, "unit"));
        // Every row is in the binary form behind its mark, none in the JSON of earlier versions.
        var payloads = StoredPayloads(database);
        Assert.NotEmpty(payloads);
        Assert.All(payloads, p => Assert.True(p.AsSpan().StartsWith(StateSerializer.Mark), $"a payload starting {p.FirstOrDefault():X2}"));
    }

    [Fact]
    public async Task State_stored_as_json_by_an_earlier_version_is_still_read()
    {
        using var silo = await StartSiloAsync(TestPaths.TempFile("legacy.db"));
        var options = silo.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(SiloHostingExtensions.StorageName);
        var serializer = Assert.IsType<StateSerializer>(options.GrainStorageSerializer);
        var state = new RunRegistryState { Order = 42, Experiments = [] };

        var legacy = ActivatorUtilities.CreateInstance<JsonGrainStorageSerializer>(silo.Services).Serialize(state);
        Assert.Equal((byte)'{', legacy.ToMemory().Span[0]);
        Assert.Equal(42, serializer.Deserialize<RunRegistryState>(legacy)!.Order);

        var written = serializer.Serialize(state);
        Assert.True(written.ToMemory().Span.StartsWith(StateSerializer.Mark));
        Assert.Equal(42, serializer.Deserialize<RunRegistryState>(written)!.Order);
        await silo.StopAsync();
    }

    private static List<byte[]> StoredPayloads(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL";
        using var reader = command.ExecuteReader();
        var payloads = new List<byte[]>();
        while (reader.Read())
        {
            payloads.Add((byte[])reader[0]);
        }
        return payloads;
    }

    private static long StoredRows(string database, string stateName)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = $name";
        command.Parameters.AddWithValue("$name", stateName);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<IHost> StartSiloAsync(string database)
    {
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseDispatchEmbedded(database, siloPort, gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
