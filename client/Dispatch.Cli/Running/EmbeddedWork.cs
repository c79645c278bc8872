using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Cli.Running;

/// <summary>Work a verb can do for the embedded silo of this process while it waits for it to start.</summary>
public static class EmbeddedWork
{
    /// <summary>
    /// With no cluster configured (the embedded silo, which takes the command's scenario build, see
    /// <see cref="ClusterConnection.ShareBuilt"/>), works out on the thread pool what the scenario's
    /// kernels share (<see cref="Simulator.Prepare"/>): the silo's start is mostly one thread, so
    /// this uses the other core. Nothing for a cluster, whose silos build their own.
    /// </summary>
    public static void Prepare(string? clusterOption, Scenario scenario, int days, double warmupDays)
    {
        if (ClusterConnection.Resolve(clusterOption) is null)
        {
            _ = Task.Run(() => Simulator.Prepare(scenario, days, warmupDays));
        }
    }
}
