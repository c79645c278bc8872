using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Bench;

/// <summary>
/// Generates a synthetic city as a <see cref="ScenarioDocument"/> for benchmarks and load tests:
/// one district-wide background zone plus hotspot zones of mixed kinds (residential, commercial,
/// transit, nightlife, night food, influencer spots, school gates) laid on a jittered grid, police
/// stations spread over the city, and a fleet of car, foot, bicycle and tactical units on
/// staggered 12-hour shifts, most of them patrolling the hotspots nearest their station under the
/// risk-guided policy, with school-gate posts at the peaks and alert-guided checks.
/// </summary>
/// <remarks>
/// The load is realistic for a busy city: about one incident per zone per day before deterrence
/// (80% in the hotspots, 20% as background demand in the district zone), with the hour-of-day
/// and day-of-week profiles of the Pengjiang scenario. The city grows with the number of zones
/// (about 0.4 km² per hotspot), so distances, and so travel times, stay comparable between sizes.
/// The same arguments always give the same document.
/// </remarks>
public static class SyntheticCity
{
    /// <summary>Square metres of city per hotspot zone.</summary>
    public const double AreaPerHotspot = 400_000;

    /// <summary>Incidents per zone per day, before deterrence (hotspots and background together).</summary>
    public const double IncidentsPerZonePerDay = 0.7;

    /// <summary>Share of the daily incidents that arise as background demand in the district zone.</summary>
    public const double BackgroundShare = 0.2;

    /// <summary>The three benchmark sizes of the performance targets (docs/performance.md).</summary>
    public static readonly IReadOnlyList<CitySize> Sizes =
    [
        new("small", 400, 60),
        new("medium", 2_500, 300),
        new("large", 10_000, 2_000),
        new("small-roads", 400, 60) { Roads = true },
        new("medium-roads", 2_500, 300) { Roads = true },
    ];

    /// <summary>Kinds of hotspot with their share of the hotspots and their relative incident rate.</summary>
    private static readonly (string Kind, double Share, double RateWeight)[] Kinds =
    [
        (ZoneKinds.Residential, 0.40, 0.8),
        (ZoneKinds.Commercial, 0.22, 1.2),
        (ZoneKinds.Transit, 0.08, 1.5),
        (ZoneKinds.Nightlife, 0.10, 2.0),
        (ZoneKinds.NightFood, 0.10, 1.5),
        (ZoneKinds.Influencer, 0.07, 1.2),
        (ZoneKinds.SchoolGate, 0.03, 0.3),
    ];

    /// <summary>A city size: total zones (hotspots plus the one district zone) and units; with <see cref="Roads"/>, travel on a street grid (<see cref="SyntheticRoads"/>).</summary>
    public sealed record CitySize(string Name, int Zones, int Units)
    {
        public bool Roads { get; init; }
    }

    /// <summary>The scenario document of a city with <paramref name="zones"/> zones (one of them the district) and <paramref name="units"/> units.</summary>
    public static ScenarioDocument Create(int zones, int units, int days = 7, long seed = 1, bool roads = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(zones, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var random = new StreamFactory(seed, 0).Create("synthetic-city");
        var hotspots = zones - 1;
        var side = Math.Sqrt(hotspots * AreaPerHotspot);
        var zoneDocuments = Hotspots(hotspots, side, random);
        zoneDocuments.Add(new ZoneDocument
        {
            Id = "district",
            Name = "District (background demand)",
            Kind = ZoneKinds.District,
            Profile = ZoneKinds.District,
            RatePerHour = BackgroundShare * IncidentsPerZonePerDay * zones / 24.0,
            TypeMix = MixOf(ZoneKinds.District),
            Polygon = [[0, 0], [Round(side), 0], [Round(side), Round(side)], [0, Round(side)]],
        });
        var stations = Stations(Math.Max(2, (int)Math.Round(units / 12.0)), side, random);
        return new ScenarioDocument
        {
            // Its own stream, so that the city is the same with and without roads.
            Roads = roads ? SyntheticRoads.Create(side, new StreamFactory(seed, 0).Create("synthetic-roads")) : null,
            Name = $"synthetic-{zones}z-{units}u",
            Description = $"Synthetic benchmark city: {hotspots:N0} hotspots of mixed kinds and one district zone over {side / 1000:0.#} km x {side / 1000:0.#} km, " +
                $"{stations.Count} stations, {units:N0} units on 12-hour shifts, about {IncidentsPerZonePerDay:0.#} incident per zone per day.",
            Start = "2023-06-05T00:00",
            Days = days,
            Seed = seed,
            Stations = stations,
            Profiles = Profiles(),
            IncidentTypes = Types(),
            Zones = zoneDocuments,
            Units = Units(units, stations, zoneDocuments),
            Dispatch = new DispatchDocument { Queue = true, PreemptPostsUpToPriority = 1, TacticalPreferenceMinutes = 3 },
            Patrol = new PatrolDocument
            {
                Policy = "risk-guided",
                DwellMinMinutes = 10,
                DwellMaxMinutes = 16,
                ReplanMinutes = 30,
                DeterrenceFactor = 0.4,
                ResidualMinutes = 30,
                NearRepeatRadiusMetres = 300,
                NearRepeatWeight = 0.3,
                NearRepeatDecayMinutes = 120,
                AlertThreshold = 0.8,
                CheckMinutes = 15,
                AlertCooldownMinutes = 60,
                TopRiskShare = 0.2,
            },
            SchoolPosts = new SchoolPostsDocument
            {
                ZoneKind = ZoneKinds.SchoolGate,
                Windows = [new WindowDocument { Start = "07:15", End = "08:15" }, new WindowDocument { Start = "16:30", End = "17:45" }],
                OfficersPerPost = 1,
                PoolModes = ["foot", "bicycle", "car"],
            },
            Mediation = new MediationDocument { ResolvedShare = 0.98 },
        };
    }

    /// <summary>The document of one of the <see cref="Sizes"/>.</summary>
    public static ScenarioDocument Create(CitySize size, int days = 7, long seed = 1) => Create(size.Zones, size.Units, days, seed, size.Roads);

    /// <summary>Hotspots on a jittered grid: one per cell, a star-shaped polygon (always simple) of 4 to 7 corners.</summary>
    private static List<ZoneDocument> Hotspots(int count, double side, RandomStream random)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var cell = side / columns;
        var kinds = KindSequence(count, random);
        var weights = new double[count];
        for (var k = 0; k < count; k++)
        {
            // A lognormal spread of rates (sd 0.6 on the log scale): a few zones carry much of the demand.
            var z = Math.Sqrt(-2 * Math.Log(random.NextOpenDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            weights[k] = Kinds.First(x => x.Kind == kinds[k]).RateWeight * Math.Exp(0.6 * z - 0.18);
        }
        var perWeight = (1 - BackgroundShare) * IncidentsPerZonePerDay * (count + 1) / weights.Sum();
        var result = new List<ZoneDocument>(count + 1);
        for (var k = 0; k < count; k++)
        {
            var cx = (k % columns + 0.5) * cell + (random.NextDouble() - 0.5) * 0.3 * cell;
            var cy = (k / columns + 0.5) * cell + (random.NextDouble() - 0.5) * 0.3 * cell;
            var radius = cell * (0.12 + 0.18 * random.NextDouble());
            var corners = 4 + (int)(random.NextDouble() * 4);
            var polygon = new List<double[]>(corners);
            var step = 2 * Math.PI / corners;
            var turn = random.NextDouble() * step;
            for (var c = 0; c < corners; c++)
            {
                var angle = turn + c * step + (random.NextDouble() - 0.5) * 0.5 * step;
                var r = radius * (0.75 + 0.25 * random.NextDouble());
                polygon.Add([Round(cx + r * Math.Cos(angle)), Round(cy + r * Math.Sin(angle))]);
            }
            result.Add(new ZoneDocument
            {
                Id = $"z{k + 1:D5}",
                Name = $"{kinds[k]} {k + 1}",
                Kind = kinds[k],
                Profile = kinds[k],
                RatePerHour = weights[k] * perWeight / 24.0,
                TypeMix = MixOf(kinds[k]),
                Polygon = polygon,
            });
        }
        return result;
    }

    /// <summary>The kind of each hotspot: the shares of <see cref="Kinds"/>, shuffled over the city.</summary>
    private static string[] KindSequence(int count, RandomStream random)
    {
        var kinds = new string[count];
        var at = 0;
        foreach (var (kind, share, _) in Kinds)
        {
            var n = kind == Kinds[^1].Kind ? count - at : (int)Math.Round(share * count);
            for (var k = 0; k < n && at < count; k++)
            {
                kinds[at++] = kind;
            }
        }
        for (var k = count - 1; k > 0; k--)
        {
            var j = (int)(random.NextDouble() * (k + 1));
            (kinds[k], kinds[j]) = (kinds[j], kinds[k]);
        }
        return kinds;
    }

    private static List<StationDocument> Stations(int count, double side, RandomStream random)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (int)Math.Ceiling(count / (double)columns);
        var stations = new List<StationDocument>(count);
        for (var k = 0; k < count; k++)
        {
            var x = (k % columns + 0.5 + (random.NextDouble() - 0.5) * 0.5) * side / columns;
            var y = (k / columns + 0.5 + (random.NextDouble() - 0.5) * 0.5) * side / rows;
            stations.Add(new StationDocument { Id = $"s{k + 1:D4}", Name = $"Station {k + 1}", Location = [Round(x), Round(y)] });
        }
        return stations;
    }

    /// <summary>
    /// Units spread evenly over the stations, each station's units cycling through a pattern of
    /// modes and duties; units of the same mode and duty at a station form one entry whose shifts
    /// alternate between 07:00 and 19:00 (12 hours), so about half the fleet is on duty at a time.
    /// Patrol units patrol the hotspots whose nearest station is their own.
    /// </summary>
    private static List<UnitDocument> Units(int count, List<StationDocument> stations, List<ZoneDocument> zones)
    {
        (string Mode, string Duty)[] pattern =
        [
            ("car", "station"), ("foot", "patrol"), ("bicycle", "patrol"), ("car", "patrol"),
            ("car", "station"), ("foot", "patrol"), ("bicycle", "patrol"), ("car", "patrol"),
            ("tactical", "patrol"), ("foot", "patrol"), ("car", "station"), ("tactical", "patrol"),
        ];
        var beats = stations.Select(_ => new List<string>()).ToList();
        foreach (var zone in zones.Where(z => z.Kind != ZoneKinds.District))
        {
            var (cx, cy) = (zone.Polygon!.Average(p => p[0]), zone.Polygon!.Average(p => p[1]));
            var nearest = 0;
            var best = double.PositiveInfinity;
            for (var s = 0; s < stations.Count; s++)
            {
                var d = Math.Pow(stations[s].Location![0] - cx, 2) + Math.Pow(stations[s].Location![1] - cy, 2);
                if (d < best)
                {
                    best = d;
                    nearest = s;
                }
            }
            beats[nearest].Add(zone.Id!);
        }
        var units = new List<UnitDocument>();
        for (var s = 0; s < stations.Count; s++)
        {
            var here = count / stations.Count + (s < count % stations.Count ? 1 : 0);
            var groups = new Dictionary<(string Mode, string Duty), int>();
            for (var k = 0; k < here; k++)
            {
                var key = pattern[k % pattern.Length];
                groups[key] = groups.GetValueOrDefault(key) + 1;
            }
            foreach (var ((mode, duty), n) in groups)
            {
                var patrols = duty == "patrol" && beats[s].Count > 0;
                units.Add(new UnitDocument
                {
                    Id = $"{stations[s].Id}-{mode}-{duty}",
                    Count = n,
                    Mode = mode,
                    Station = stations[s].Id,
                    Duty = patrols ? "patrol" : "station",
                    Beat = patrols ? beats[s] : null,
                    Shift = new ShiftDocument { Starts = ["07:00", "19:00"], Hours = 12 },
                });
            }
        }
        return units;
    }

    private static List<IncidentTypeDocument> Types() =>
    [
        new() { Id = "fight", Name = "Fight or assault", Priority = 1, TargetResponseMinutes = 5, OnScene = LogNormal(40, 20), OnViewProbability = 0.5, EscalationMinutes = 10, EscalatedOnSceneFactor = 1.5 },
        new() { Id = "disorder", Name = "Drunk and disorderly", Priority = 2, TargetResponseMinutes = 10, OnScene = LogNormal(25, 12), OnViewProbability = 0.6, EscalationMinutes = 20, EscalatedPriority = 1, EscalatedOnSceneFactor = 1.5 },
        new() { Id = "theft", Name = "Theft or robbery report", Priority = 2, TargetResponseMinutes = 15, OnScene = LogNormal(35, 20), OnViewProbability = 0.2 },
        new() { Id = "traffic", Name = "Traffic collision", Priority = 2, TargetResponseMinutes = 15, OnScene = LogNormal(40, 20), Modes = ["car", "tactical"], OnViewProbability = 0.3 },
        new() { Id = "dispute", Name = "Dispute or neighbour conflict", Priority = 3, TargetResponseMinutes = 30, OnScene = LogNormal(45, 25), OnViewProbability = 0.2, EscalationMinutes = 60, EscalatedPriority = 2, EscalatedOnSceneFactor = 1.3, TransferShare = 0.03 },
        new() { Id = "noise", Name = "Noise complaint", Priority = 3, TargetResponseMinutes = 30, OnScene = new DurationDocument { Distribution = "exponential", Mean = 20 }, OnViewProbability = 0.1 },
        new() { Id = "suspicious", Name = "Suspicious person or vehicle", Priority = 3, TargetResponseMinutes = 20, OnScene = new DurationDocument { Distribution = "exponential", Mean = 15 }, OnViewProbability = 0.4 },
        new() { Id = "help", Name = "Lost person or request for help", Priority = 3, TargetResponseMinutes = 30, OnScene = LogNormal(30, 20), OnViewProbability = 0.3 },
    ];

    private static DurationDocument LogNormal(double mean, double sd) => new() { Distribution = "lognormal", Mean = mean, Sd = sd };

    private static Dictionary<string, double> MixOf(string kind) => kind switch
    {
        ZoneKinds.Nightlife => new() { ["fight"] = 0.35, ["disorder"] = 0.35, ["theft"] = 0.08, ["dispute"] = 0.1, ["noise"] = 0.07, ["suspicious"] = 0.05 },
        ZoneKinds.NightFood => new() { ["fight"] = 0.2, ["disorder"] = 0.3, ["theft"] = 0.15, ["dispute"] = 0.2, ["noise"] = 0.1, ["suspicious"] = 0.05 },
        ZoneKinds.Influencer => new() { ["theft"] = 0.3, ["dispute"] = 0.2, ["traffic"] = 0.2, ["help"] = 0.2, ["suspicious"] = 0.1 },
        ZoneKinds.Commercial => new() { ["theft"] = 0.4, ["dispute"] = 0.2, ["disorder"] = 0.1, ["suspicious"] = 0.15, ["help"] = 0.15 },
        ZoneKinds.Transit => new() { ["theft"] = 0.35, ["traffic"] = 0.25, ["help"] = 0.2, ["suspicious"] = 0.1, ["fight"] = 0.1 },
        ZoneKinds.SchoolGate => new() { ["traffic"] = 0.4, ["suspicious"] = 0.3, ["help"] = 0.2, ["dispute"] = 0.1 },
        ZoneKinds.Residential => new() { ["dispute"] = 0.35, ["noise"] = 0.25, ["theft"] = 0.2, ["help"] = 0.1, ["suspicious"] = 0.1 },
        _ => new() { ["traffic"] = 0.3, ["dispute"] = 0.2, ["theft"] = 0.2, ["help"] = 0.1, ["noise"] = 0.1, ["suspicious"] = 0.05, ["fight"] = 0.05 },
    };

    /// <summary>Hour-of-day and day-of-week multipliers per kind, scaled to a mean of 1 so that ratePerHour is the mean rate.</summary>
    private static Dictionary<string, ProfileDocument> Profiles()
    {
        var raw = new Dictionary<string, (double[] Hour, double[] Day)>
        {
            [ZoneKinds.Nightlife] = ([2.6, 2.4, 2.0, 1.4, 0.7, 0.25, 0.1, 0.1, 0.1, 0.1, 0.15, 0.2, 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.7, 1.0, 1.4, 1.8, 2.4, 2.7], [0.8, 0.8, 0.85, 0.95, 1.3, 1.5, 1.1]),
            [ZoneKinds.NightFood] = ([2.2, 2.0, 1.6, 1.0, 0.5, 0.2, 0.1, 0.1, 0.15, 0.2, 0.3, 0.5, 0.6, 0.4, 0.3, 0.3, 0.4, 0.6, 0.9, 1.3, 1.7, 2.1, 2.4, 2.4], [0.85, 0.85, 0.9, 1.0, 1.25, 1.4, 1.1]),
            [ZoneKinds.Influencer] = ([0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.5, 1.7, 1.9, 2.0, 2.0, 1.9, 1.8, 1.7, 1.4, 1.0, 0.6, 0.3], [0.6, 0.6, 0.6, 0.7, 0.9, 1.8, 1.8]),
            [ZoneKinds.Commercial] = ([0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.6, 1.6, 1.5, 1.5, 1.6, 1.6, 1.6, 1.6, 1.6, 1.5, 1.2, 0.8, 0.4], [0.9, 0.9, 0.9, 0.95, 1.05, 1.2, 1.1]),
            [ZoneKinds.Transit] = ([0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.0, 1.8, 1.9, 1.3, 1.1, 1.1, 1.2, 1.1, 1.1, 1.2, 1.5, 1.9, 1.9, 1.4, 1.0, 0.8, 0.5, 0.3], [1.05, 1.0, 1.0, 1.0, 1.15, 0.95, 0.85]),
            [ZoneKinds.Residential] = ([0.6, 0.4, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 2.0, 1.6, 1.0], [0.95, 0.95, 0.95, 0.95, 1.0, 1.1, 1.1]),
            [ZoneKinds.SchoolGate] = ([0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.5, 6.0, 3.0, 0.4, 0.4, 0.8, 1.0, 0.6, 0.4, 0.6, 4.0, 5.0, 1.5, 0.3, 0.2, 0.1, 0.05, 0.05], [1.2, 1.2, 1.2, 1.2, 1.2, 0.25, 0.2]),
            [ZoneKinds.District] = ([0.5, 0.4, 0.35, 0.3, 0.3, 0.4, 0.6, 0.9, 1.1, 1.2, 1.2, 1.2, 1.2, 1.1, 1.1, 1.2, 1.3, 1.3, 1.4, 1.4, 1.3, 1.1, 0.9, 0.7], [1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.0]),
        };
        return raw.ToDictionary(p => p.Key, p => new ProfileDocument { Hour = MeanOne(p.Value.Hour), Day = MeanOne(p.Value.Day) });
    }

    private static double[] MeanOne(double[] values)
    {
        var mean = values.Average();
        return values.Select(v => Math.Round(v / mean, 6)).ToArray();
    }

    private static double Round(double metres) => Math.Round(metres, 1);
}
