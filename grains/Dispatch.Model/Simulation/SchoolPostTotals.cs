namespace Dispatch.Model.Simulation;

/// <summary>School-gate post-minutes required and staffed (an officer standing at the gate), per hour of day.</summary>
internal sealed class SchoolPostTotals : ILedgerTotals<SchoolPostTotals>
{
    public SchoolPostTotals()
        : this(new double[24], new double[24])
    {
    }

    private SchoolPostTotals(double[] required, double[] staffed)
    {
        Required = required;
        Staffed = staffed;
    }

    public double[] Required { get; }

    public double[] Staffed { get; }

    public void AddRequired(int hour, double minutes) => Required[hour] += minutes;

    public void AddStaffed(int hour, double minutes) => Staffed[hour] += minutes;

    public SchoolPostTotals Copy() => new([.. Required], [.. Staffed]);
}
