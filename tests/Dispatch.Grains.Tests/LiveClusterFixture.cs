using Dispatch.Grains.Live;
using Dispatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Dispatch.Grains.Tests;

/// <summary>A test cluster whose live runs are paced by a manual wall clock.</summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new();

    public async Task InitializeAsync()
    {
        var database = TestPaths.TempFile("live.db");
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddDispatchSqliteStorage(database);
            silo.Services.AddSingleton(new LiveClock(Clock));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class LiveClusterCollection : ICollectionFixture<LiveClusterFixture>
{
    public const string Name = "live cluster";
}
