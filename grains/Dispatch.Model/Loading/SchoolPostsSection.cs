using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>schoolPosts</c> section (护学岗): windows, officers per post, days and the modes that may be drafted.</summary>
internal sealed class SchoolPostsSection(ProblemSink sink) : SectionBuilder(sink)
{
    public SchoolPostOptions? Build(SchoolPostsDocument? d)
    {
        if (d is null)
        {
            return null;
        }
        var windows = new List<TimeWindow>();
        var documents = d.Windows ?? [new WindowDocument { Start = "07:15", End = "08:15" }, new WindowDocument { Start = "16:30", End = "17:45" }];
        for (var k = 0; k < documents.Count; k++)
        {
            if (documents[k] is null)
            {
                Error($"schoolPosts.windows[{k}]", "expected a window { \"start\": \"HH:mm\", \"end\": \"HH:mm\" }");
                continue;
            }
            var start = ParseTimeOfDay(documents[k].Start, $"schoolPosts.windows[{k}].start");
            var end = ParseTimeOfDay(documents[k].End, $"schoolPosts.windows[{k}].end");
            Require(end > start, $"schoolPosts.windows[{k}].end", "must be later than start on the same day");
            windows.Add(new TimeWindow(start, end));
        }
        var officers = d.OfficersPerPost ?? 1;
        Require(officers is >= 1 and <= 20, "schoolPosts.officersPerPost", $"is {officers}; expected a whole number from 1 to 20");
        var days = d.Days ?? [0, 1, 2, 3, 4];
        for (var k = 0; k < days.Count; k++)
        {
            Require(days[k] is >= 0 and <= 6, $"schoolPosts.days[{k}]", $"is {days[k]}; days are 0 (Monday) to 6 (Sunday)");
        }
        var pool = new HashSet<UnitMode>();
        foreach (var (name, k) in (d.PoolModes ?? ["foot", "bicycle", "car"]).Select((n, k) => (n, k)))
        {
            if (TryParseMode(name, out var mode))
            {
                pool.Add(mode);
            }
            else
            {
                Error($"schoolPosts.poolModes[{k}]", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
            }
        }
        return new SchoolPostOptions(d.ZoneKind ?? ZoneKinds.SchoolGate, windows, officers, days.ToHashSet(), pool);
    }
}
