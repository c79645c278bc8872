namespace Dispatch.Abstractions;

/// <summary>A patrol unit of one run (key: <c>{runId}/{unitId}</c>).</summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Replaces the unit's state with the run's latest; <paramref name="persist"/> writes it to storage.</summary>
    Task UpdateAsync(UnitView view, bool persist);

    /// <summary>The last state received, or null if the run has not reported this unit yet.</summary>
    Task<UnitView?> GetAsync();
}
