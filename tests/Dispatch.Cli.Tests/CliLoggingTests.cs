using Dispatch.Cli.Running;
using Orleans.Storage;

namespace Dispatch.Cli.Tests;

/// <summary>Which storage errors the CLI does not print: only conflicts the grain resolves itself.</summary>
public sealed class CliLoggingTests
{
    [Theory]
    [InlineData("scenariodocument/sha256-f0", true)]
    [InlineData("runregistry/0", true)]
    [InlineData("experiment/run-1", false)]
    [InlineData("scenario/run-1-r0", false)]
    public void A_version_conflict_is_hidden_only_for_grains_that_resolve_it(string grain, bool hidden)
    {
        var message = $"Error from storage provider AdoNetGrainStorage.x during WriteStateAsync for grain {grain}(null)";
        Assert.Equal(hidden, CliLogging.IsResolvedConflict(new InconsistentStateException("Version conflict"), message));
        Assert.False(CliLogging.IsResolvedConflict(new TimeoutException(), message));
    }
}
