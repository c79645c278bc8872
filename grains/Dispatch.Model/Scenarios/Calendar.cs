namespace Dispatch.Model.Scenarios;

/// <summary>
/// A dated special day or period (a holiday, a major event, a sensitive date): from
/// <see cref="From"/> to <see cref="To"/>, whole local days, both included. It multiplies the
/// demand of its zones by <see cref="Demand"/> and switches on (or off) the units whose roster
/// names it (docs/demand.md, "Calendars").
/// </summary>
public sealed record CalendarEntry(string Id, string Name, DateTime From, DateTime To, double Demand, IReadOnlySet<int> Zones)
{
    /// <summary>Whether the entry covers the local date.</summary>
    public bool Covers(DateTime date) => date.Date >= From.Date && date.Date <= To.Date;

    /// <summary>Its span in simulated minutes from a run starting at <paramref name="start"/>: [from, to).</summary>
    public (double From, double To) Minutes(DateTime start) =>
        ((From.Date - start).TotalMinutes, (To.Date.AddDays(1) - start).TotalMinutes);
}

/// <summary>
/// Which days a unit works (a roster variant): the weekdays of <see cref="Weekdays"/> except the
/// dates of <see cref="Off"/>, plus the dates of <see cref="Extra"/> (calendar entries that call in
/// extra units, cancel leave or open event posts). A shift belongs to the day it starts.
/// </summary>
public sealed record Roster(bool[] Weekdays, IReadOnlyList<CalendarEntry> Extra, IReadOnlyList<CalendarEntry> Off)
{
    /// <summary>Whether the unit works a shift starting on the local date.</summary>
    public bool WorksOn(DateTime date) =>
        Extra.Any(e => e.Covers(date)) || (Weekdays[((int)date.DayOfWeek + 6) % 7] && !Off.Any(e => e.Covers(date)));
}
