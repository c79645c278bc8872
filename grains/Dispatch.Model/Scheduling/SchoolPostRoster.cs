using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>One school-gate post: its zone and how many officers it needs at a peak.</summary>
public readonly record struct SchoolPost(int Zone, int Officers);

/// <summary>
/// School-gate posts (护学岗): at each opening or closing peak of a school day every post is staffed
/// by the nearest free units of the pool (not surge, not on post duty, of a pool mode), officer by
/// officer, post by post, while free units last (docs/scheduler.md section 8).
/// </summary>
internal sealed class SchoolPostRoster
{
    private readonly Scenario _scenario;
    private readonly SchoolPostOptions? _options;
    private readonly UnitSpec[] _units;
    private readonly SchoolPost[] _posts;
    private readonly bool[] _pool;
    private readonly bool[] _taken;
    private readonly double _endTime;
    private readonly double _statsFrom;

    public SchoolPostRoster(Scenario scenario, UnitSpec[] units, double endTime, double statsFrom)
    {
        _scenario = scenario;
        _options = scenario.SchoolPosts;
        var options = _options;
        _units = units;
        _posts = options is null ? []
            : [.. scenario.Zones.Where(z => z.IsHotspot && z.Kind == options.ZoneKind).Select(z => new SchoolPost(z.Index, z.PostOfficers ?? options.OfficersPerPost))];
        _pool = [.. units.Select(u => options is not null && !u.IsSurge && u.Duty != Duty.Post && options.PoolModes.Contains(u.Mode))];
        _taken = new bool[units.Length];
        _endTime = endTime;
        _statsFrom = statsFrom;
    }

    /// <summary>The posts, in zone order (none without school posts).</summary>
    public IReadOnlyList<SchoolPost> Posts => _posts;

    /// <summary>Peak windows started after the warm-up.</summary>
    public int WindowsStarted { get; private set; }

    /// <summary>Units sent to posts after the warm-up (officer-shifts).</summary>
    public int Postings { get; private set; }

    /// <summary>When each peak window of the run opens (window index into the options' windows), day by day, in time order within a day's windows.</summary>
    public void WindowStarts(List<(double At, int Window)> starts)
    {
        starts.Clear();
        if (_options is null)
        {
            return;
        }
        var startOfDay = _scenario.StartMinuteOfWeek % 1440.0;
        for (var day = 0; day * 1440.0 - startOfDay < _endTime; day++)
        {
            for (var w = 0; w < _options.Windows.Count; w++)
            {
                var t = day * 1440.0 - startOfDay + _options.Windows[w].StartMinuteOfDay;
                if (t >= 0 && t < _endTime && _options.Days.Contains(_scenario.DayOfWeek(t)))
                {
                    starts.Add((t, w));
                }
            }
        }
    }

    /// <summary>
    /// Opens peak window <paramref name="window"/> now: the units to post, into
    /// <paramref name="postings"/> post by post; returns the window's length in minutes.
    /// </summary>
    public double Open<TFleet>(int window, double now, TFleet fleet, List<Assignment> postings)
        where TFleet : IFleetView
    {
        var options = _options ?? throw new InvalidOperationException("the scenario has no school posts");
        postings.Clear();
        var counting = now >= _statsFrom ? 1 : 0;
        WindowsStarted += counting;
        foreach (var post in _posts)
        {
            var at = _scenario.Zones[post.Zone].Shape.InteriorPoint;
            for (var k = 0; k < post.Officers; k++)
            {
                var unit = NearestUnit.Find(fleet, _units, _pool, _taken, at);
                if (unit < 0)
                {
                    break;
                }
                Postings += counting;
                _taken[unit] = true;
                postings.Add(new Assignment(unit, post.Zone, at));
            }
        }
        foreach (var posting in postings)
        {
            _taken[posting.Unit] = false;
        }
        return options.Windows[window].EndMinuteOfDay - options.Windows[window].StartMinuteOfDay;
    }
}
