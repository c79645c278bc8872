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

/// <summary>An incident as a zone has seen it; NaN times have not happened yet.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] int Id,
    [property: Id(1)] string Type,
    [property: Id(2)] int Priority,
    [property: Id(3)] double CreatedAt,
    [property: Id(4)] double DispatchedAt,
    [property: Id(5)] double ArrivedAt,
    [property: Id(6)] double ClearedAt,
    [property: Id(7)] string? Unit,
    [property: Id(8)] string Outcome);

/// <summary>What a zone has seen so far: counts, mean response and the most recent incidents.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneView")]
public sealed record ZoneView(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] string Kind,
    [property: Id(3)] double AtMinute,
    [property: Id(4)] int Incidents,
    [property: Id(5)] int Attended,
    [property: Id(6)] double ResponseMinutesMean,
    [property: Id(7)] IReadOnlyList<IncidentView> Recent);
