using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The duty officer's desk in the kernel: checks a <see cref="KernelCommand"/> against the run as it
/// stands (a unit off duty, an unknown zone, a finished incident are refused with the reason), applies
/// it at the current simulated minute, and keeps the command log and the incidents handled under a
/// command. Injected incidents draw from their own stream (<c>commands/inject</c>), so a command never
/// moves another source's random numbers.
/// </summary>
internal sealed class CommandDesk(
    Scenario scenario, SimClock clock, Fleet fleet, CommandCentre command, IncidentSource source, IncidentLog log, StreamFactory streams)
{
    private readonly List<CommandRecord> _records = [];
    private readonly Dictionary<int, string> _commanded = [];
    private Dictionary<string, int>? _units;
    private Dictionary<string, int>? _zones;
    private RandomStream? _inject;

    /// <summary>Every command so far, with its outcome, in the order given.</summary>
    public IReadOnlyList<CommandRecord> Records => _records;

    /// <summary>The incidents handled under a command, with the command words that touched them (<c>send</c>, <c>inject+send</c>).</summary>
    public IReadOnlyDictionary<int, string> Commanded => _commanded;

    /// <summary>Whether a <see cref="CommandKind.Stop"/> ended the run.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Applies a command now (its time must be the clock's) and logs it with its outcome.</summary>
    public CommandOutcome Apply(KernelCommand c)
    {
        if (c.At != clock.Now)
        {
            throw new ArgumentException($"command '{c.Text}' is for minute {c.At}, but the run is at minute {clock.Now}", nameof(c));
        }
        var outcome = clock.Now >= clock.EndTime || Stopped ? CommandOutcome.Refused("the run has finished") : Carry(c);
        _records.Add(new CommandRecord(c, outcome));
        if (outcome.Applied && outcome.Incident is { } id)
        {
            var word = CommandText.Word(c.Kind);
            _commanded[id] = _commanded.TryGetValue(id, out var before) ? $"{before}+{word}" : word;
        }
        return outcome;
    }

    private CommandOutcome Carry(KernelCommand c)
    {
        switch (c.Kind)
        {
            case CommandKind.Inject:
                return Inject(c);
            case CommandKind.Stop:
                Stopped = true;
                return new(true, $"the run stops at {CommandText.Clock(clock.Now)}");
            case CommandKind.Alert or CommandKind.Cordon:
                return Zone(c.Zone, out var z, out var refusal) ? ZoneOrder(c, z) : refusal;
        }
        if (!Unit(c.Unit, out var unit, out var noUnit))
        {
            return noUnit;
        }
        if (c.Kind == CommandKind.CallIn)
        {
            if (unit.Status != UnitStatus.OffShift)
            {
                return CommandOutcome.Refused($"{unit.Spec.Id} is already on duty ({Status(unit)})");
            }
            var minutes = c.Minutes ?? Math.Min(unit.Spec.Shift.DurationMinutes, 1440);
            fleet.CallIn(unit, minutes);
            command.ResumeDuty(unit);
            return new(true, $"{unit.Spec.Id} called in until {CommandText.Clock(clock.Now + minutes)}, now {Status(unit)}");
        }
        if (unit.Status == UnitStatus.OffShift)
        {
            return CommandOutcome.Refused($"{unit.Spec.Id} is off duty (call it in first: call-in {unit.Spec.Id})");
        }
        switch (c.Kind)
        {
            case CommandKind.StandDown:
                var job = unit.CurrentIncident;
                if (fleet.StandDown(unit))
                {
                    command.ReleaseHeldOf(unit);
                    return new(true, $"{unit.Spec.Id} stood down for the rest of its shift");
                }
                return new(true, $"{unit.Spec.Id} stands down after incident #{job}");
            case CommandKind.Release:
                if (unit.Status != UnitStatus.CommandPost)
                {
                    return CommandOutcome.Refused($"{unit.Spec.Id} is not on a command post ({Status(unit)})");
                }
                fleet.LeaveAssignment(unit);
                command.ResumeDuty(unit);
                return new(true, $"{unit.Spec.Id} released, now {Status(unit)}");
            case CommandKind.Post:
                if (!Zone(c.Zone, out var zone, out var noZone))
                {
                    return noZone;
                }
                if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene)
                {
                    return CommandOutcome.Refused($"{unit.Spec.Id} is on incident #{unit.CurrentIncident}; send another unit, or post it when it is free");
                }
                var minutes = c.Minutes ?? CommandText.DefaultHoldMinutes;
                fleet.PostAt(unit, zone, scenario.Zones[zone].Shape.InteriorPoint, minutes);
                return new(true, $"{unit.Spec.Id} posted at {c.Zone} for {minutes:0.#} min, arrives {CommandText.Clock(unit.LegEndsAt)}");
        }
        if (!Incident(c.Incident, out var incident, out var noIncident))
        {
            return noIncident;
        }
        var type = scenario.IncidentTypes[incident.Type];
        if (!type.CapableModes.Contains(unit.Spec.Mode))
        {
            return CommandOutcome.Refused($"{unit.Spec.Id} ({unit.Spec.Mode.ToString().ToLowerInvariant()}) cannot handle a {type.Id} incident");
        }
        if (unit.CurrentIncident == incident.Id)
        {
            return CommandOutcome.Refused($"{unit.Spec.Id} is already on incident #{incident.Id}");
        }
        if (c.Kind == CommandKind.Hold)
        {
            return incident.UnitsSent >= incident.UnitsRequired
                ? CommandOutcome.Refused($"incident #{incident.Id} already has its unit(s) ({(incident.Unit >= 0 ? scenario.Units[incident.Unit].Id : "")}); send a unit to override")
                : new(true, command.HoldForUnit(unit, incident)) { Incident = incident.Id };
        }
        return new(true, command.SendByCommand(unit, incident)) { Incident = incident.Id };
    }

    /// <summary>Alert (a check by the nearest free unit) or cordon (a temporary post by it) of a zone.</summary>
    private CommandOutcome ZoneOrder(KernelCommand c, int zone)
    {
        var at = scenario.Zones[zone].Shape.InteriorPoint;
        var allowed = fleet.Units.Select(u => u.Spec.Duty != Duty.Post).ToArray();
        var nearest = NearestUnit.Find(fleet.View, [.. scenario.Units], allowed, new bool[allowed.Length], at);
        if (nearest < 0)
        {
            return CommandOutcome.Refused($"no free unit (idle or on patrol) to {(c.Kind == CommandKind.Alert ? "check" : "cordon")} {c.Zone}");
        }
        var unit = fleet.Units[nearest];
        if (c.Kind == CommandKind.Cordon)
        {
            var minutes = c.Minutes ?? CommandText.DefaultHoldMinutes;
            fleet.PostAt(unit, zone, at, minutes);
            return new(true, $"{c.Zone} cordoned by {unit.Spec.Id} for {minutes:0.#} min, from {CommandText.Clock(unit.LegEndsAt)}");
        }
        fleet.LeaveAssignment(unit);
        unit.TargetZone = zone;
        fleet.MoveTo(unit, at, UnitStatus.Check);
        return new(true, $"alert in {c.Zone}: {unit.Spec.Id} checks it, arrives {CommandText.Clock(unit.LegEndsAt)}");
    }

    private CommandOutcome Inject(KernelCommand c)
    {
        var type = scenario.IncidentTypes.FirstOrDefault(t => t.Id == c.Type);
        if (type is null)
        {
            return CommandOutcome.Refused($"unknown incident type '{c.Type}'{NameSuggestions.DidYouMean(c.Type, scenario.IncidentTypes.Select(t => t.Id))}");
        }
        int zone;
        Point2 at;
        if (c.Zone is not null)
        {
            if (!Zone(c.Zone, out zone, out var refusal))
            {
                return refusal;
            }
            at = scenario.Zones[zone].Shape.InteriorPoint;
        }
        else
        {
            at = new Point2(c.X ?? 0, c.Y ?? 0);
            zone = scenario.Zones.FirstOrDefault(z => z.IsHotspot && z.Shape.Contains(at))?.Index
                ?? scenario.Zones.FirstOrDefault(z => !z.IsHotspot && z.Shape.Contains(at))?.Index ?? -1;
            if (zone < 0)
            {
                return CommandOutcome.Refused($"the point ({c.X}, {c.Y}) is in no zone of the district");
            }
        }
        var priority = c.Priority ?? type.Priority;
        _inject ??= streams.Create("commands", "inject");
        var incident = new IncidentRecord
        {
            Id = log.Count, Zone = zone, Type = type.Index, Priority = priority, InitialPriority = priority, Location = at,
            CreatedAt = clock.Now, OnSceneDuration = type.OnScene.Sample(_inject), UnitsRequired = type.UnitsRequired,
            ViewDraw = _inject.NextDouble(), TransferDraw = _inject.NextDouble(), MediationDraw = _inject.NextDouble(),
        };
        source.Inject(incident);
        var unit = incident.Unit >= 0 ? $", {scenario.Units[incident.Unit].Id} sent, ETA {CommandText.Clock(incident.EtaAt)}" : incident.InQueue ? ", queued" : "";
        return new(true, $"#{incident.Id} {type.Id} P{priority} injected in {scenario.Zones[zone].Id}{unit}") { Incident = incident.Id };
    }

    private bool Unit(string? id, out UnitState unit, out CommandOutcome refusal)
    {
        _units ??= scenario.Units.ToDictionary(u => u.Id, u => u.Index);
        var found = id is not null && _units.TryGetValue(id, out var index);
        unit = found ? fleet.Units[_units[id!]] : null!;
        refusal = CommandOutcome.Refused($"unknown unit '{id}'{NameSuggestions.DidYouMean(id, _units.Keys)}");
        return found;
    }

    private bool Zone(string? id, out int zone, out CommandOutcome refusal)
    {
        _zones ??= scenario.Zones.ToDictionary(z => z.Id, z => z.Index);
        var found = id is not null && _zones.TryGetValue(id, out zone);
        zone = found ? _zones[id!] : -1;
        refusal = CommandOutcome.Refused($"unknown zone '{id}'{NameSuggestions.DidYouMean(id, _zones.Keys)}");
        return found;
    }

    private bool Incident(int? id, out IncidentRecord incident, out CommandOutcome refusal)
    {
        incident = null!;
        refusal = CommandOutcome.Refused(id is null ? "no incident given" : $"no incident #{id} yet (incidents so far: #0 to #{log.Count - 1})");
        if (id is not { } k || k < 0 || k >= log.Count)
        {
            return false;
        }
        if (!log.TryGet(k, out incident))
        {
            var (outcome, at) = log.EndOf(k);
            refusal = CommandOutcome.Refused($"incident #{k} is over ({outcome.ToString().ToLowerInvariant()} at {CommandText.Clock(at)})");
            return false;
        }
        if (incident.Diverted || !double.IsNaN(incident.ClearedAt))
        {
            refusal = CommandOutcome.Refused($"incident #{k} is over ({incident.Outcome.ToString().ToLowerInvariant()} at {CommandText.Clock(incident.Diverted ? incident.CreatedAt : incident.ClearedAt)})");
            return false;
        }
        return true;
    }

    private static string Status(UnitState unit) => unit.Status switch
    {
        UnitStatus.CommandPost => "on a command post",
        UnitStatus.OffShift => "off duty",
        UnitStatus.EnRoute => $"en route to #{unit.CurrentIncident}",
        UnitStatus.OnScene => $"on scene at #{unit.CurrentIncident}",
        var s => s.ToString().ToLowerInvariant(),
    };
}
