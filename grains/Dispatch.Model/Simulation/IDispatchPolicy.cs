using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>Chooses which free unit answers an incident.</summary>
public interface IDispatchPolicy
{
    /// <summary>The index of the unit to send, or -1 when no suitable unit is free.</summary>
    int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now);
}
