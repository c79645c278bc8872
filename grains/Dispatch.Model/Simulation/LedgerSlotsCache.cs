using System.Runtime.CompilerServices;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The <see cref="LedgerSlots"/> made so far, per scenario: they depend only on the scenario, the
/// end time and the warm-up, so the replications of a scenario share them (they are never changed).
/// </summary>
internal static class LedgerSlotsCache
{
    private static readonly ConditionalWeakTable<Scenario, List<LedgerSlots>> Made = new();

    /// <summary>The slots of the scenario for this end time and warm-up, made once.</summary>
    public static LedgerSlots For(Scenario scenario, double endTime, double statsFrom)
    {
        var made = Made.GetValue(scenario, _ => []);
        // Made under the lock: replications starting together wait for one instead of each making its own.
        lock (made)
        {
            var slots = made.Find(t => t.EndTime.Equals(endTime) && t.StatsFrom.Equals(statsFrom));
            if (slots is null)
            {
                slots = new LedgerSlots(scenario, endTime, statsFrom);
                made.Add(slots);
            }
            return slots;
        }
    }
}
