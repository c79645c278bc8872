namespace Dispatch.Abstractions;

/// <summary>
/// Keys of per-run grains: every zone and unit key is scoped by its run, <c>{runId}/{id}</c>. Run
/// ids contain no '/' (zone and unit ids may).
/// </summary>
public static class GrainKeys
{
    public static string Unit(string runId, string unitId) => $"{runId}/{unitId}";

    public static string Zone(string runId, string zoneId) => $"{runId}/{zoneId}";

    /// <summary>The run id and the zone or unit id of a per-run key.</summary>
    public static (string RunId, string Id) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }
}
