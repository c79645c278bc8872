namespace Dispatch.Abstractions;

/// <summary>
/// A patrol unit of one run (key: <c>{runId}/{unitId}</c>). Like a zone grain, it answers from the
/// run's scenario grain.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit at the run's current minute; null if the run or the unit does not exist.</summary>
    Task<UnitView?> GetAsync();
}
