using Dispatch.Model.Geometry;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The fleet under a duty officer's commands: units called in for some hours (their regular shift,
/// when it starts or ends meanwhile, takes over), stood down, and held at command posts
/// (<see cref="UnitStatus.CommandPost"/>: visible, not dispatched automatically).
/// </summary>
internal sealed partial class Fleet
{
    // Per unit, made on the first command (a run without commands never allocates them).
    private bool[]? _calledIn;
    private int[]? _callIns;
    private double[]? _postMinutes;

    /// <summary>Whether the unit is on duty by a call-in (not by its regular shift).</summary>
    public bool IsCalledIn(UnitState unit) => _calledIn is not null && _calledIn[unit.Spec.Index];

    /// <summary>An off-duty unit comes on duty at its base now, until <paramref name="minutes"/> from now (the caller gives it its duty).</summary>
    public void CallIn(UnitState unit, double minutes)
    {
        _calledIn ??= new bool[Units.Length];
        _callIns ??= new int[Units.Length];
        var i = unit.Spec.Index;
        _calledIn[i] = true;
        _callIns[i]++;
        ComeOnDuty(unit);
        _events.Schedule(_clock.Now + minutes, new SimEvent(EventKind.CallInEnds, i, -1, _callIns[i]));
    }

    /// <summary>The end of a call-in (<paramref name="callIn"/>: which one): off duty now, or after the job in hand.</summary>
    public void OnCallInEnds(UnitState unit, int callIn)
    {
        if (!IsCalledIn(unit) || _callIns![unit.Spec.Index] != callIn)
        {
            return; // its regular shift took over, or it was stood down
        }
        _calledIn![unit.Spec.Index] = false;
        StandDown(unit);
    }

    /// <summary>A regular shift starts or ends: a call-in in progress ends (the shift takes over, or ends it).</summary>
    private void EndCallIn(UnitState unit)
    {
        if (_calledIn is not null)
        {
            _calledIn[unit.Spec.Index] = false;
        }
    }

    /// <summary>Off duty now, or (en route or on scene) when the job in hand is done; true when off now.</summary>
    public bool StandDown(UnitState unit)
    {
        EndCallIn(unit);
        if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene)
        {
            unit.OffAfterJob = true;
            return false;
        }
        GoOffShift(unit);
        return true;
    }

    /// <summary>Moves a unit to <paramref name="at"/> in <paramref name="zone"/> and holds it there for <paramref name="minutes"/> after it arrives.</summary>
    public void PostAt(UnitState unit, int zone, Point2 at, double minutes)
    {
        _postMinutes ??= new double[Units.Length];
        _postMinutes[unit.Spec.Index] = minutes;
        LeaveAssignment(unit);
        unit.TargetZone = zone;
        MoveTo(unit, at, UnitStatus.CommandPost);
    }

    /// <summary>How long a unit arriving at its command post holds it.</summary>
    public double PostMinutes(UnitState unit) => _postMinutes?[unit.Spec.Index] ?? 0;
}
