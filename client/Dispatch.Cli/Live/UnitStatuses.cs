namespace Dispatch.Cli.Live;

/// <summary>The unit statuses the dashboard shows, in its order: label, short label and colour.</summary>
public static class UnitStatuses
{
    /// <summary>Status name (as the run sends it), label, short label (compact panels) and colour.</summary>
    public static readonly IReadOnlyList<(string Status, string Label, string Short, string Color)> All =
    [
        ("Patrol", "patrol", "patrol", "green"), ("Available", "available", "free", "green3"), ("SchoolPost", "school post", "school", "deepskyblue1"),
        ("Check", "check", "check", "deepskyblue1"), ("EnRoute", "en route", "en route", "yellow"), ("OnScene", "on scene", "scene", "red"),
        ("Returning", "returning", "return", "grey70"), ("CommandPost", "command post", "cmd post", "magenta"), ("OffShift", "off shift", "off", "grey39"),
    ];

    /// <summary>The colour of a status (white if unknown).</summary>
    public static string Color(string status) => All.FirstOrDefault(s => s.Status == status).Color ?? "white";

    /// <summary>The label of a status (the status itself if unknown).</summary>
    public static string Label(string status) => All.FirstOrDefault(s => s.Status == status).Label ?? status;
}
