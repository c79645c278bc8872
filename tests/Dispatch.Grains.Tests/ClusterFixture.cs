using Dispatch.Hosting;
using Orleans.TestingHost;

namespace Dispatch.Grains.Tests;

/// <summary>An in-process test cluster of two silos with the real SQLite grain storage.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string DatabasePath { get; } = TestPaths.TempFile("cluster.db");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.AddDispatchSqliteStorage(DatabasePath));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
