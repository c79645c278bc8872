namespace Dispatch.Model.Simulation;

/// <summary>
/// One kind of running sums of a <see cref="PresenceLedger"/>. <see cref="Copy"/> copies every sum
/// and shares no array with the original (a test fills every field by reflection and checks).
/// </summary>
internal interface ILedgerTotals<out T>
    where T : class
{
    /// <summary>A copy of every sum, to which more can be added without changing this one.</summary>
    T Copy();
}
