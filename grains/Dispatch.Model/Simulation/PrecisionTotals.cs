namespace Dispatch.Model.Simulation;

/// <summary>Patrol minutes spent inside flagged (top-risk) zone-slots: the numerator of the precision rate.</summary>
internal sealed class PrecisionTotals : ILedgerTotals<PrecisionTotals>
{
    public double PatrolMinutesFlagged { get; private set; }

    public void Add(double minutes) => PatrolMinutesFlagged += minutes;

    public PrecisionTotals Copy() => new() { PatrolMinutesFlagged = PatrolMinutesFlagged };
}
