using Dispatch.Model.Scenarios;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>Chooses which free unit answers an incident. One file per policy, registered in <see cref="DispatchPolicies"/>.</summary>
public interface IDispatchPolicy
{
    /// <summary>The name used in scenario files and reports (its entry in <see cref="DispatchPolicies"/>).</summary>
    string Name { get; }

    /// <summary>The index of the unit to send, or -1 when no suitable unit is free.</summary>
    int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now);

    /// <summary>Measures travel times with <paramref name="travel"/> (the run's roads) instead of straight lines; by default ignored.</summary>
    void UseTravel(ITravel travel)
    {
    }
}
