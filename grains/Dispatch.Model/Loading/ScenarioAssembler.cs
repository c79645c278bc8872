using System.Globalization;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Builds a scenario section by section, in the order a reader meets the problems: the run (start,
/// days) and its size, modes, stations, incident types, zones, units, surge, patrol, school posts,
/// mediation and dispatch, then the checks across sections. Every section reports to the same sink.
/// </summary>
internal sealed class ScenarioAssembler(ProblemSink sink) : SectionBuilder(sink)
{
    public Scenario? Build(ScenarioDocument d)
    {
        var start = ParseStart(d.Start);
        var days = d.Days ?? 7;
        Require(days is >= 1 and <= ScenarioLimits.MaxDays, "days", $"is {days}; expected a whole number of days from 1 to {ScenarioLimits.MaxDays}");
        if (!new SizeCheck(Sink).Check(d))
        {
            return null; // absurd sizes: refuse before allocating anything in proportion to them
        }
        var modes = new ModesSection(Sink).Build(d.Modes);
        var stations = new StationsSection(Sink).Build(d.Stations, d.Units is { Count: > 0 });
        var types = new IncidentTypesSection(Sink).Build(d.IncidentTypes);
        var zoneSection = new ZonesSection(Sink);
        var zones = zoneSection.Build(d, types);
        var calendar = new CalendarSection(Sink).Build(d.Calendar, zones);
        var unitSection = new UnitsSection(Sink);
        var units = unitSection.Build(d.Units, "units", stations, modes, zones, null, calendar: calendar);
        if (d.Units is null || d.Units.Count == 0)
        {
            Error("units", "missing; at least one unit is needed, for example [{ \"id\": \"car\", \"mode\": \"car\", \"station\": \"...\" }]");
        }
        var night = NightWindowSection(d.NightWindow);
        var surge = new SurgeSection(Sink, unitSection).Build(d.Surge, stations, modes, zones, units, night);
        var patrol = new PatrolSection(Sink).Build(d.Patrol);
        var school = new SchoolPostsSection(Sink).Build(d.SchoolPosts);
        var mediation = d.Mediation?.ResolvedShare ?? 0.98;
        Require(mediation is >= 0 and <= 1, "mediation.resolvedShare", $"is {Num(mediation)}; expected a share between 0 and 1");
        var dispatch = new DispatchSection(Sink).Build(d.Dispatch);
        var roads = new RoadsSection(Sink).Build(d.Roads, modes);

        var checks = new CrossChecks(Sink);
        checks.CheckCoordinates(zoneSection.Origins, zones, stations, units, d);
        checks.CheckSchoolPostDemand(school, zones, units);
        checks.CheckCapableUnits(types, units, d.IncidentTypes);
        if (roads is not null && !Sink.HasErrors)
        {
            new RoadChecks(Sink).CheckPlaces(roads, zoneSection.Origins, zones, stations, units, types);
        }
        if (zones.Count > 0 && zones.All(z => z.RatePerHour == 0))
        {
            Warning("zones", "every zone has ratePerHour 0; the run will have no incidents");
        }
        if (days is >= 1 and <= ScenarioLimits.MaxDays)
        {
            Sink.AddRange(ScenarioLimits.CheckRunSize(zones, days, 1, "days"));
        }

        if (Sink.HasErrors)
        {
            return null;
        }
        return new Scenario(d.Name ?? "unnamed", start, days, d.Seed ?? 1, stations, zones, types, units, dispatch)
        {
            Patrol = patrol,
            Surge = surge,
            Night = night,
            SchoolPosts = school,
            MediationResolvedShare = mediation,
            Roads = roads,
            Calendar = calendar,
        };
    }

    /// <summary>The <c>nightWindow</c> section: whole hours, from and to different (22:00-04:00 without it).</summary>
    private NightWindow NightWindowSection(NightWindowDocument? d)
    {
        if (d is null)
        {
            return NightWindow.Default;
        }
        var from = ParseTimeOfDay(d.From ?? "22:00", "nightWindow.from");
        var to = ParseTimeOfDay(d.To ?? "04:00", "nightWindow.to");
        Require(from % 60 == 0, "nightWindow.from", $"is {d.From}; expected a whole hour such as \"22:00\" (the night measures count clock hours)");
        Require(to % 60 == 0, "nightWindow.to", $"is {d.To}; expected a whole hour such as \"04:00\" (the night measures count clock hours)");
        Require(from != to, "nightWindow.to", "must differ from nightWindow.from");
        return new NightWindow((int)(from / 60), (int)(to / 60));
    }

    private DateTime ParseStart(string? text)
    {
        if (text is null)
        {
            Error("start", "missing; expected a local date and time such as \"2023-06-05T00:00\"");
            return default;
        }
        // A local date and time without a zone offset, so a run never depends on the machine's time zone.
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            Error("start", $"'{text}' is not a local date and time; expected for example \"2023-06-05T00:00\" (no time zone)");
        }
        else if (start > DateTime.MaxValue.AddDays(-(ScenarioLimits.MaxDays + 1)))
        {
            Error("start", $"'{text}' is too late: a run of up to {ScenarioLimits.MaxDays} days from it must end before the year 10000");
        }
        return start;
    }
}
