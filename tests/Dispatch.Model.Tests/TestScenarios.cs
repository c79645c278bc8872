using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Tests;

/// <summary>Builds small scenarios in code (through <see cref="ScenarioBuilder.Build"/>) for the tests.</summary>
internal static class TestScenarios
{
    /// <summary>A Monday, midnight.</summary>
    public const string Monday = "2023-06-05T00:00";

    /// <summary>An axis-aligned square polygon of the given side centred on (cx, cy).</summary>
    public static List<double[]> Square(double cx, double cy, double side)
    {
        var h = side / 2;
        return [[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h]];
    }

    public static StationDocument Station(string id = "S", double x = 0, double y = 0) =>
        new() { Id = id, Name = id, Location = [x, y] };

    public static ZoneDocument Zone(string id, double cx, double cy, double side, double ratePerHour,
        double[]? hour = null, double[]? day = null, Dictionary<string, double>? mix = null, string kind = "district") =>
        new()
        {
            Id = id,
            Kind = kind,
            Polygon = Square(cx, cy, side),
            RatePerHour = ratePerHour,
            HourProfile = hour,
            DayProfile = day,
            TypeMix = mix,
        };

    public static IncidentTypeDocument Type(string id, int priority, DurationDocument onScene,
        double target = 15, params string[] modes) =>
        new()
        {
            Id = id,
            Priority = priority,
            TargetResponseMinutes = target,
            OnScene = onScene,
            Modes = modes.Length == 0 ? null : [.. modes],
        };

    public static DurationDocument Fixed(double minutes) => new() { Distribution = "fixed", Value = minutes };

    public static DurationDocument Exponential(double mean) => new() { Distribution = "exponential", Mean = mean };

    public static UnitDocument Unit(string id, string mode, double[]? post = null, int count = 1,
        ShiftDocument? shift = null, string station = "S", string? duty = null, List<string>? beat = null) =>
        new() { Id = id, Mode = mode, Station = station, Post = post, Count = count, Shift = shift, Duty = duty, Beat = beat };

    public static ScenarioDocument Document(
        List<ZoneDocument> zones,
        List<UnitDocument> units,
        List<IncidentTypeDocument>? types = null,
        List<StationDocument>? stations = null,
        string start = Monday,
        int days = 1,
        long seed = 1,
        bool queue = true,
        Dictionary<string, ModeDocument>? modes = null,
        PatrolDocument? patrol = null,
        SurgeDocument? surge = null,
        SchoolPostsDocument? schoolPosts = null,
        DispatchDocument? dispatch = null,
        MediationDocument? mediation = null) =>
        new()
        {
            Name = "test",
            Start = start,
            Days = days,
            Seed = seed,
            Modes = modes,
            Stations = stations ?? [Station()],
            IncidentTypes = types ?? [Type("T", 2, Fixed(30))],
            Zones = zones,
            Units = units,
            Dispatch = dispatch ?? new DispatchDocument { Queue = queue },
            Patrol = patrol,
            Surge = surge,
            SchoolPosts = schoolPosts,
            Mediation = mediation,
        };

    public static Scenario Build(ScenarioDocument document) => ScenarioBuilder.Build(document);

    /// <summary>
    /// An M/M/c queue: c cars always on duty, all posted at (0, 0); one zone that is a 0.5 m square
    /// around (0, 0), so every trip is at most 0.71 m x 1.4 / 500 m/min = 0.002 minutes; one
    /// incident type with exponential on-scene time of mean 1/mu; a constant arrival rate
    /// lambda = rho c mu; queueing on.
    /// </summary>
    public static Scenario MmC(int c, double rho, double meanServiceMinutes, int days)
    {
        var lambdaPerHour = rho * c / meanServiceMinutes * 60.0;
        return Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, lambdaPerHour)],
            units: [Unit("car", "car", post: [0, 0], count: c)],
            types: [Type("T", 1, Exponential(meanServiceMinutes))],
            days: days));
    }

    /// <summary>Runs a fresh simulator to its end.</summary>
    public static Simulator Run(Scenario scenario, long? seed = null, int replication = 0, int? days = null, IDispatchPolicy? policy = null)
    {
        var sim = new Simulator(scenario, seed ?? scenario.Seed, replication, days, policy);
        sim.RunToEnd();
        return sim;
    }

    public static Report Report(Simulator sim) => ReportBuilder.Build(sim);
}
