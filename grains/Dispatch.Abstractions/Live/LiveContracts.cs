namespace Dispatch.Abstractions.Live;

/// <summary>What a console can ask of a live run.</summary>
public enum LiveCommand
{
    Pause,
    Resume,
    Faster,
    Slower,
    Stop,
}

/// <summary>The static picture of a live run's district, sent once to each watcher (with the dispatch policy's name, for the feed's reasons).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveScenarioInfo")]
public sealed record LiveScenarioInfo(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Scenario,
    [property: Id(2)] DateTime Start,
    [property: Id(3)] double EndMinute,
    [property: Id(4)] IReadOnlyList<LiveZone> Zones,
    [property: Id(5)] IReadOnlyList<LiveStation> Stations,
    [property: Id(6)] IReadOnlyList<string> UnitIds,
    [property: Id(7)] IReadOnlyList<string> UnitModes,
    [property: Id(8)] string? DispatchPolicy = null);

/// <summary>A zone's bounding box and kind, for the map.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveZone")]
public sealed record LiveZone(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] double MinX,
    [property: Id(3)] double MinY,
    [property: Id(4)] double MaxX,
    [property: Id(5)] double MaxY,
    [property: Id(6)] bool IsHotspot);

[GenerateSerializer, Immutable, Alias("Dispatch.LiveStation")]
public sealed record LiveStation([property: Id(0)] string Id, [property: Id(1)] double X, [property: Id(2)] double Y);

/// <summary>A unit's state: index into <see cref="LiveScenarioInfo.UnitIds"/>, status and position.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveUnit")]
public sealed record LiveUnit(
    [property: Id(0)] int Index,
    [property: Id(1)] string Status,
    [property: Id(2)] double X,
    [property: Id(3)] double Y);

/// <summary>An incident as it stands; NaN times have not happened yet. <c>InQueue</c>: waiting in the dispatch queue for a free unit.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveIncident")]
public sealed record LiveIncident(
    [property: Id(0)] int Id,
    [property: Id(1)] string Zone,
    [property: Id(2)] string Type,
    [property: Id(3)] int Priority,
    [property: Id(4)] double CreatedAt,
    [property: Id(5)] double DispatchedAt,
    [property: Id(6)] double ArrivedAt,
    [property: Id(7)] double ClearedAt,
    [property: Id(8)] string? Unit,
    [property: Id(9)] double FromX,
    [property: Id(10)] double FromY,
    [property: Id(11)] double EtaAt,
    [property: Id(12)] bool DiscoveredOnView,
    [property: Id(13)] string Outcome,
    [property: Id(14)] bool InQueue = false);

/// <summary>Key figures so far (fractions 0..1, minutes); null when not yet defined.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveKpis")]
public sealed record LiveKpis(
    [property: Id(0)] double? VisibilityNow,
    [property: Id(1)] double? VisibilityNightSoFar,
    [property: Id(2)] double? HandlingRate,
    [property: Id(3)] double? ResponseP50,
    [property: Id(4)] double? ResponseP90,
    [property: Id(5)] int Incidents,
    [property: Id(6)] int QueueLength);

/// <summary>
/// One push to the watchers: everything that changed since the previous batch, and the commands
/// given since (feed lines). Sequence numbers are contiguous per run, so a watcher can tell it
/// missed nothing (a replay that seeks leaves a gap on purpose: its watchers take a fresh snapshot).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveBatch")]
public sealed record LiveBatch(
    [property: Id(0)] long Sequence,
    [property: Id(1)] double SimulatedMinute,
    [property: Id(2)] double Speed,
    [property: Id(3)] bool Paused,
    [property: Id(4)] double LagMinutes,
    [property: Id(5)] bool Behind,
    [property: Id(6)] bool Finished,
    [property: Id(7)] IReadOnlyList<LiveUnit> Units,
    [property: Id(8)] IReadOnlyList<LiveIncident> Incidents,
    [property: Id(9)] IReadOnlyList<double> ZoneRisk,
    [property: Id(10)] LiveKpis Kpis,
    [property: Id(11)] IReadOnlyList<string>? Commands = null);

/// <summary>The full current state for a watcher that attaches: the static info, every unit, the open and recent incidents.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.LiveSnapshot")]
public sealed record LiveSnapshot(
    [property: Id(0)] LiveScenarioInfo Info,
    [property: Id(1)] LiveBatch State);
