namespace Dispatch.Abstractions;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>The one grain storage: SQLite in the embedded default, PostgreSQL in cluster mode.</summary>
    public const string Dispatch = "dispatch";
}
