using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Model.Tests.Overlays;

/// <summary>A small base scenario with lists addressed by id, and helpers to apply overlays to it.</summary>
public static class OverlayTestKit
{
    public const string BaseFile = "base.json";

    public const string OverlayFile = "overlay.json";

    // Line numbers matter to the tests: one unit per line (units[0] on line 10, units[1] on 11, units[2] on 12).
    public const string Base = """
        {
          "name": "base",
          "start": "2023-06-05T00:00",
          "days": 2,
          "stations": [ { "id": "north", "location": [500, 500] }, { "id": "south", "location": [1500, 500] } ],
          "incidentTypes": [ { "id": "call", "priority": 2, "targetResponseMinutes": 10, "onScene": { "distribution": "exponential", "mean": 30 } } ],
          "zones": [ { "id": "town", "kind": "nightlife", "ratePerHour": 0.5, "polygon": [[0, 0], [2000, 0], [2000, 2000], [0, 2000]] } ],
          "patrol": { "policy": "risk-guided" },
          "units": [
            { "id": "car-north", "count": 2, "mode": "car", "station": "north", "shift": { "starts": ["07:00", "19:00"], "hours": 12 } },
            { "id": "car-south", "count": 1, "mode": "car", "station": "south" },
            { "id": "foot-north", "count": 1, "mode": "foot", "station": "north", "duty": "patrol" }
          ],
          "surge": { "from": "22:00", "to": "04:00", "zoneKinds": ["nightlife"], "units": [ { "id": "surge-foot", "count": 2, "mode": "foot", "station": "north" } ] },
          "schoolPosts": { "zoneKind": "schoolGate", "windows": [ { "start": "07:15", "end": "08:15" }, { "start": "16:30", "end": "17:45" } ] }
        }
        """;

    /// <summary>The base with the overlay file text <paramref name="overlayJson"/> and the <c>--set</c> arguments applied and checked.</summary>
    public static (ScenarioValidation Validation, List<ScenarioProblem> OverlayProblems) Check(string? overlayJson, params string[] sets)
    {
        var problems = new List<ScenarioProblem>();
        var overlays = new List<Overlay>();
        if (overlayJson is not null && OverlayReader.ReadText(overlayJson, OverlayFile, problems) is { } overlay)
        {
            overlays.Add(overlay);
        }
        overlays.AddRange(sets.Select(s => Overlay.FromAssignment(s, problems)).OfType<Overlay>());
        return (ScenarioOverlays.ValidateText(Base, BaseFile, null, overlays), problems);
    }

    /// <summary>The valid document of the base with the <c>--set</c> arguments applied.</summary>
    public static ScenarioDocument Document(params string[] sets)
    {
        var (v, problems) = Check(null, sets);
        Assert.Empty(problems);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        return v.Document!;
    }

    /// <summary>The valid document of the base with an overlay file applied.</summary>
    public static ScenarioDocument WithOverlay(string overlayJson)
    {
        var (v, problems) = Check(overlayJson);
        Assert.Empty(problems);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        return v.Document!;
    }

    /// <summary>The one problem at <paramref name="file"/> with this location (path, line, column), asserting its message has each fragment.</summary>
    public static ScenarioProblem At(IEnumerable<ScenarioProblem> problems, string file, string location, int? line, params string[] fragments)
    {
        var list = problems.ToList();
        var matches = list.Where(p => p.File == file && p.Location == location).ToList();
        Assert.True(matches.Count == 1, $"expected one problem at {file}: {location}, found:\n{string.Join("\n", list)}");
        var p = matches[0];
        if (line is not null)
        {
            Assert.Equal(line, p.Line);
            Assert.NotNull(p.Column);
        }
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, p.Message);
        }
        return p;
    }
}
