using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>report.md: the report for people, in the same figures as report.json.</summary>
public static class ReportMarkdown
{
    public static string Render(Report r, IReadOnlyList<(string File, string Caption)>? charts = null, IReadOnlyList<(string File, string Caption)>? maps = null)
    {
        var md = new StringBuilder();
        md.Append($"# Dispatch report: {r.Scenario}\n\n");
        md.Append($"Start {r.Start}, {Headline.Num(r.SimulatedDays)} simulated days, seed {r.Seed}, {r.Replications} replication(s), dispatch policy `{r.DispatchPolicy}`, patrol policy `{r.PatrolPolicy}`.");
        md.Append(r.Replications > 1 ? " Figures are means over replications with the half-width of their 95% t-interval.\n\n" : "\n\n");
        if (maps is { Count: > 0 })
        {
            md.Append($"![{maps[0].Caption}]({maps[0].File})\n\n*{maps[0].Caption}.*\n\n");
        }
        md.Append("## Headline\n\n| Measure | Value | 95% CI |\n|---|---:|---:|\n");
        foreach (var (label, value, interval) in Headline.Rows(r))
        {
            md.Append($"| {label} | {value} | {interval} |\n");
        }
        md.Append("\nResponse time = dispatch delay (queue) + travel; on-scene time is separate. Handling rate = incidents attended within their type's target / all incidents. Definitions of every measure: docs/metrics.md.\n");
        if (charts is { Count: > 0 })
        {
            md.Append("\n## Charts\n\n");
            foreach (var (file, caption) in charts.Concat(maps?.Skip(1) ?? []))
            {
                md.Append($"![{caption}]({file})\n\n*{caption}.*\n\n");
            }
        }
        if (r.Cost is { } cost)
        {
            md.Append(CostSection(cost));
        }
        md.Append("\n## By zone kind\n\n| Kind | Zones | Incidents | Visibility rate | Night visibility | Response mean | Handling rate |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var k in r.ByKind)
        {
            md.Append($"| {Cell(k.Kind)} | {Headline.Num(k.Zones)} | {Headline.Num(k.Incidents)} | {Headline.Pct(k.VisibilityRate)} | {Headline.Pct(k.VisibilityRateNight)} | {Headline.Min(k.ResponseMinutesMean)} | {Headline.Pct(k.HandlingRate)} |\n");
        }
        if (r.SchoolPosts is { } school)
        {
            md.Append($"\n## School-gate posts (护学岗)\n\n{Headline.Num(school.Posts)} posts, {Headline.Num(school.Postings)} postings ({Headline.Min(school.PostingsPerSchoolDay)} per school day), {Headline.Pct(school.StaffedShare)} of the required post-minutes staffed.\n\n| Hour | Required post-minutes | Staffed post-minutes | Staffed |\n|---:|---:|---:|---:|\n");
            foreach (var h in school.ByHour)
            {
                md.Append($"| {h.Hour:00}:00 | {h.RequiredPostMinutes:0} | {h.StaffedPostMinutes:0} | {Headline.Pct(h.StaffedShare)} |\n");
            }
        }

        md.Append("\n## By priority\n\n| Priority | Target (min) | Incidents | Handling rate | Response mean | Response P90 |\n|---:|---:|---:|---:|---:|---:|\n");
        foreach (var p in r.ByPriority)
        {
            md.Append($"| {p.Priority} | {Headline.Min(p.TargetMinutes)} | {Headline.Num(p.Incidents)} | {Headline.Pct(p.HandlingRate)} | {Headline.Min(p.ResponseMinutes.Mean)} | {Headline.Min(p.ResponseMinutes.P90)} |\n");
        }
        md.Append("\n## By hour of day (incident creation time)\n\n| Hour | Incidents | Visibility rate | Response mean | Handling rate |\n|---:|---:|---:|---:|---:|\n");
        foreach (var h in r.ByHour)
        {
            md.Append($"| {h.Hour:00}:00 | {Headline.Num(h.Incidents)} | {Headline.Pct(h.VisibilityRate)} | {Headline.Min(h.ResponseMinutesMean)} | {Headline.Pct(h.HandlingRate)} |\n");
        }
        md.Append("\n## By unit mode\n\n| Mode | Units | Dispatches | Utilisation |\n|---|---:|---:|---:|\n");
        foreach (var m in r.ByMode)
        {
            md.Append($"| {m.Mode} | {Headline.Num(m.Units)} | {Headline.Num(m.Dispatches)} | {Headline.Pct(m.Utilisation)} |\n");
        }
        md.Append("\n## Zones (busiest 30)\n\n| Zone | Kind | Incidents | Prevented | Visibility rate | Response mean | Handling rate |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var z in r.Zones.OrderByDescending(z => z.Incidents).ThenBy(z => z.Id, StringComparer.Ordinal).Take(30))
        {
            md.Append($"| {Cell(z.Id)} | {Cell(z.Kind)} | {Headline.Num(z.Incidents)} | {Headline.Num(z.Prevented ?? 0)} | {Headline.Pct(z.VisibilityRate)} | {Headline.Min(z.ResponseMinutesMean)} | {Headline.Pct(z.HandlingRate)} |\n");
        }
        md.Append("\n## Units (most dispatched 30; all in units.csv)\n\n| Unit | Mode | Station | Dispatches | Utilisation | Patrol | Post | Check | Idle | En route | On scene | Returning | Off shift |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var u in r.Units.OrderByDescending(u => u.Dispatches).ThenBy(u => u.Id, StringComparer.Ordinal).Take(30))
        {
            var m = u.Minutes;
            md.Append($"| {Cell(u.Id)} | {u.Mode} | {Cell(u.Station)} | {Headline.Num(u.Dispatches)} | {Headline.Pct(u.Utilisation)} | {m.Patrol:0} | {m.Post:0} | {m.Check:0} | {m.Idle:0} | {m.EnRoute:0} | {m.OnScene:0} | {m.Returning:0} | {m.OffShift:0} |\n");
        }
        md.Append("\nUnit minutes are by status; utilisation = (en route + on scene) / on-duty minutes.\n");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    /// <summary>The cost section: unit-hours and officer-hours on duty by mode, station and hour.</summary>
    private static string CostSection(CostReport cost)
    {
        var md = new StringBuilder();
        md.Append($"\n## Cost\n\n{Headline.Hours(cost.UnitHours)} unit-hours and {Headline.Hours(cost.OfficerHours)} officer-hours on duty");
        md.Append(cost.SurgeUnitHours is { } surge ? $", of which {Headline.Hours(surge)} unit-hours of the night surge.\n\n" : ".\n\n");
        md.Append("| Mode | Unit-hours | Officer-hours |\n|---|---:|---:|\n");
        foreach (var m in cost.ByMode)
        {
            md.Append($"| {m.Mode} | {Headline.Hours(m.UnitHours)} | {Headline.Hours(m.OfficerHours)} |\n");
        }
        md.Append("\n| Station | Unit-hours | Officer-hours |\n|---|---:|---:|\n");
        foreach (var st in cost.ByStation)
        {
            md.Append($"| {Cell(st.Station)} | {Headline.Hours(st.UnitHours)} | {Headline.Hours(st.OfficerHours)} |\n");
        }
        md.Append("\n| Hour | Unit-hours | Officer-hours |\n|---:|---:|---:|\n");
        foreach (var h in cost.ByHour)
        {
            md.Append($"| {h.Hour:00}:00 | {Headline.Hours(h.UnitHours)} | {Headline.Hours(h.OfficerHours)} |\n");
        }
        return md.ToString();
    }
}
