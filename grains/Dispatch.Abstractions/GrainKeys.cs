namespace Dispatch.Abstractions;

/// <summary>Keys of per-run grains: every zone and unit key is scoped by its run.</summary>
public static class GrainKeys
{
    public static string Unit(string runId, string unitId) => $"{runId}/{unitId}";

    public static string Zone(string runId, string zoneId) => $"{runId}/{zoneId}";
}
