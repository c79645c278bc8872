using Dispatch.Abstractions.Live;

namespace Dispatch.Abstractions;

/// <summary>A status change in a unit's timeline.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.StatusChange")]
public sealed record StatusChange([property: Id(0)] double AtMinute, [property: Id(1)] string Status);

/// <summary>A unit's minutes by status (as in units.csv).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.UnitMinutesView")]
public sealed record UnitMinutesView(
    [property: Id(0)] double Patrol,
    [property: Id(1)] double Post,
    [property: Id(2)] double Check,
    [property: Id(3)] double Idle,
    [property: Id(4)] double EnRoute,
    [property: Id(5)] double OnScene,
    [property: Id(6)] double Returning,
    [property: Id(7)] double OffShift);

/// <summary>
/// A unit of a run as its unit grain holds it: where it is and what it is doing at the last feed,
/// its dispatches, minutes by status, distance travelled and status timeline (newest last).
/// </summary>
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
    [property: Id(8)] int CurrentIncident,
    [property: Id(9)] UnitMinutesView? Minutes = null,
    [property: Id(10)] double? Utilisation = null,
    [property: Id(11)] double TravelledKm = 0,
    [property: Id(12)] IReadOnlyList<StatusChange>? Timeline = null,
    [property: Id(13)] bool Final = false);

/// <summary>
/// What a zone has seen, as its zone grain holds it: incidents (by hour of day and by type),
/// attended ones and their mean response, visibility and covered minutes, presence by hour, the
/// forecast risk at the last feed, and the most recent incidents (newest last).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneView")]
public sealed record ZoneView(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] string Kind,
    [property: Id(3)] double AtMinute,
    [property: Id(4)] int Incidents,
    [property: Id(5)] int Attended,
    [property: Id(6)] double ResponseMinutesMean,
    [property: Id(7)] IReadOnlyList<LiveIncident> Recent,
    [property: Id(8)] IReadOnlyList<int>? IncidentsByHour = null,
    [property: Id(9)] IReadOnlyDictionary<string, int>? IncidentsByType = null,
    [property: Id(10)] double? VisibilityRate = null,
    [property: Id(11)] double CoveredMinutes = 0,
    [property: Id(12)] IReadOnlyList<double>? PresenceMinutesByHour = null,
    [property: Id(13)] double CurrentRisk = 0,
    [property: Id(14)] bool Final = false);

/// <summary>An incident of a zone in a feed: as the live feed shows it, its hour of day, whether it counts in the statistics (after the warm-up) and whether it can still change.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneIncident")]
public sealed record ZoneIncident(
    [property: Id(0)] LiveIncident Incident,
    [property: Id(1)] int HourOfDay,
    [property: Id(2)] bool Counted,
    [property: Id(3)] bool Closed);

/// <summary>
/// One batch for a zone grain from its replication: the zone's incidents that changed since the
/// previous batch (all of them after a replay: the grain ignores what it has counted already), its
/// visibility and covered minutes so far and its forecast risk now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneFeed")]
public sealed record ZoneFeed(
    [property: Id(0)] string Kind,
    [property: Id(1)] double AtMinute,
    [property: Id(2)] IReadOnlyList<ZoneIncident> Incidents,
    [property: Id(3)] double? VisibilityRate,
    [property: Id(4)] double CoveredMinutes,
    [property: Id(5)] double CurrentRisk,
    [property: Id(6)] bool Final,
    [property: Id(7)] ZoneTally? Retired = null);

/// <summary>
/// The counted incidents of a zone that its replication's kernel no longer holds (every incident
/// below id <see cref="Before"/> is final and folded into totals), summed in id order: sent with the
/// first batch after the kernel was made, in place of those incidents one by one. A zone grain that
/// has counted nothing yet takes it as its counts; one that has is past it (docs/performance.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ZoneTally")]
public sealed record ZoneTally(
    [property: Id(0)] int Before,
    [property: Id(1)] int Incidents,
    [property: Id(2)] int Attended,
    [property: Id(3)] double ResponseSum,
    [property: Id(4)] IReadOnlyList<int> ByHour,
    [property: Id(5)] IReadOnlyDictionary<string, int> ByType);

/// <summary>One batch for a unit grain: the unit as it stands at <see cref="UnitView.AtMinute"/> (totals, so a repeated batch changes nothing).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.UnitFeed")]
public sealed record UnitFeed(
    [property: Id(0)] string Mode,
    [property: Id(1)] string Status,
    [property: Id(2)] double X,
    [property: Id(3)] double Y,
    [property: Id(4)] double AtMinute,
    [property: Id(5)] int Dispatches,
    [property: Id(6)] int CurrentIncident,
    [property: Id(7)] UnitMinutesView Minutes,
    [property: Id(8)] double? Utilisation,
    [property: Id(9)] double TravelledKm,
    [property: Id(10)] bool Final);
