namespace Dispatch.Cli;

/// <summary>Process exit codes (a contract, DESIGN section 6).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;

    /// <summary><c>plan</c>: no setting within the ranges meets every target (or the budget); the closest one is reported.</summary>
    public const int Infeasible = 3;
}
