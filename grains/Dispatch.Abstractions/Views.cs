using Dispatch.Abstractions.Live;

namespace Dispatch.Abstractions;

/// <summary>A unit of a run at the run's current minute: where it is and what it is doing.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.UnitView")]
public sealed record UnitView(
    [property: Id(0)] string RunId,
    [property: Id(1)] string UnitId,
    [property: Id(2)] string Mode,
    [property: Id(3)] string Status,
    [property: Id(4)] double X,
    [property: Id(5)] double Y,
    [property: Id(6)] double AtMinute,
    [property: Id(7)] int Dispatches,
    [property: Id(8)] int CurrentIncident);

/// <summary>What a zone has seen so far: counts, mean response and the most recent incidents (as the live feed shows them).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneView")]
public sealed record ZoneView(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] string Kind,
    [property: Id(3)] double AtMinute,
    [property: Id(4)] int Incidents,
    [property: Id(5)] int Attended,
    [property: Id(6)] double ResponseMinutesMean,
    [property: Id(7)] IReadOnlyList<LiveIncident> Recent);
