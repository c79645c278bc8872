using System.Text;
using Dispatch.Abstractions;
using Dispatch.Hosting;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Tests;

/// <summary>
/// Issue 19: a replication writes its incidents.csv to a spool file of its silo while it runs; the
/// result says where the file is (never the text), and a replication that resumes from its
/// checkpoint on a new silo writes the same file, byte for byte.
/// </summary>
public sealed class IncidentSpoolTests
{
    private static readonly string Json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));

    /// <summary>incidents.csv of an undisturbed run, built by the kernel at the end (the reference).</summary>
    private static string Reference(long seed, int replication, int days)
    {
        var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(Json, "test")), seed, replication, days);
        sim.RunToEnd();
        var csv = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        CsvWriters.AppendIncidents(csv, sim);
        return csv.ToString();
    }

    [Fact]
    public async Task A_replication_resumed_from_its_checkpoint_on_a_new_silo_writes_the_same_file()
    {
        var database = TestPaths.TempFile("spool.db");
        var spool = IncidentSpool.BesideDatabase(database);
        const string runId = "spool-resumed";
        // Rows go out to the file whenever 4,096 characters are held (a megabyte by default).
        using (var silo = await StartSiloAsync(database, new IncidentSpool(spool, flushChars: 4096)))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var run = grains.GetGrain<IScenarioGrain>(runId);
            await run.StartAsync(new RunRequest(await Documents.StoreAsync(grains, Json), 5, 1, 3));
            await run.AdvanceAsync(1000);
            await run.AdvanceAsync(2500); // checkpointed at minute 2,500 of 4,320
            var writing = Assert.Single(Directory.GetFiles(spool));
            var before = Reference(5, 1, 3);
            Assert.InRange(new FileInfo(writing).Length, before.Length / 3, before.Length - 1); // rows are in the file while the run goes on
            await silo.StopAsync();
        }
        Assert.Empty(Directory.GetFiles(spool)); // the activation's file went with it

        using (var silo = await StartSiloAsync(database))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var run = grains.GetGrain<IScenarioGrain>(runId);
            Assert.Equal(2500, (await run.GetProgressAsync()).SimulatedMinute); // replayed to its checkpoint
            Assert.True((await run.AdvanceAsync(double.PositiveInfinity)).IsFinished);
            var rows = (await run.GetResultAsync()).IncidentRows!;
            Assert.StartsWith(spool + Path.DirectorySeparatorChar, rows.Path);
            Assert.Equal(Encoding.UTF8.GetBytes(Reference(5, 1, 3)), await File.ReadAllBytesAsync(rows.Path));
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task A_taken_or_released_file_is_written_again_identically_for_the_next_reader()
    {
        var database = TestPaths.TempFile("take.db");
        var expected = Encoding.UTF8.GetBytes(Reference(9, 0, 2));
        using var silo = await StartSiloAsync(database);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var run = grains.GetGrain<IScenarioGrain>("spool-taken");
        await run.StartAsync(new RunRequest(await Documents.StoreAsync(grains, Json), 9, 0, 2));
        await run.AdvanceAsync(double.PositiveInfinity);

        // A client on the silo's machine moves the file: nothing is copied, nothing is left behind.
        var first = (await run.GetResultAsync()).IncidentRows!;
        var moved = TestPaths.TempFile("moved.csv");
        var taken = await IncidentRowsTransfer.TakeAsync(grains, first, moved, CancellationToken.None);
        Assert.Equal(moved, taken.Path);
        Assert.False(File.Exists(first.Path));
        Assert.Equal(expected, await File.ReadAllBytesAsync(moved));

        // The next reader gets the file again (the run replayed), here through the grain in pieces,
        // after which the silo's file is released.
        var second = (await run.GetResultAsync()).IncidentRows!;
        Assert.NotEqual(first.Path, second.Path);
        Assert.True(File.Exists(second.Path));
        var copied = TestPaths.TempFile("copied.csv");
        await IncidentRowsTransfer.TakeAsync(grains, second, copied, CancellationToken.None, local: false);
        Assert.Equal(expected, await File.ReadAllBytesAsync(copied));
        Assert.False(File.Exists(second.Path));
        Assert.Empty(Directory.GetFiles(IncidentSpool.BesideDatabase(database)));

        // Pieces past the end are refused with a plain message.
        var third = (await run.GetResultAsync()).IncidentRows!;
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => run.ReadIncidentRowsAsync(third.Bytes + 1, 10));
        Assert.Contains($"of an incidents.csv of {third.Bytes} bytes", error.Message);
        Assert.Empty(await run.ReadIncidentRowsAsync(third.Bytes, 10));
        await silo.StopAsync();
    }

    [Fact]
    public async Task Prune_deletes_spool_files_not_written_for_the_retention_and_keeps_fresh_ones()
    {
        var database = TestPaths.TempFile("prune.db");
        SqliteSchema.EnsureCreated(database);
        var spool = Directory.CreateDirectory(IncidentSpool.BesideDatabase(database)).FullName;
        var stale = Path.Combine(spool, "old-r0.a.1" + IncidentSpool.Suffix);
        var fresh = Path.Combine(spool, "new-r0.b.1" + IncidentSpool.Suffix);
        var other = Path.Combine(spool, "notes.txt");
        foreach (var file in new[] { stale, fresh, other })
        {
            await File.WriteAllTextAsync(file, "x");
        }
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - IncidentSpool.StaleAfter - TimeSpan.FromHours(1));
        SqliteSchema.Prune(database, SqliteSchema.DefaultRetention);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(other));
    }

    private static async Task<IHost> StartSiloAsync(string database, IncidentSpool? spool = null)
    {
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (spool is not null)
        {
            builder.Services.AddSingleton(spool); // before the silo's own (added only if none is)
        }
        builder.UseOrleans(silo => silo.UseDispatchEmbedded(database, siloPort, gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
