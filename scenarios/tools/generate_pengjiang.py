#!/usr/bin/env python3
"""Generates the illustrative default scenario of the Pengjiang district (docs/pengjiang.md).

Writes scenarios/pengjiang.json (with the 22:00-04:00 night surge) and
scenarios/pengjiang-no-surge.json (identical but without the "surge" section, and with its own
name and description), next to this script's parent folder. Python 3 standard library only;
deterministic (random.Random(2023)), so running it twice gives byte-identical files.

The what-ifs of the README use overlays instead of full files: scenarios/overlays/pengjiang-no-surge.json
applied to pengjiang.json gives pengjiang-no-surge.json's scenario (but for the description), which
the tests check (OverlayApplyTests, OverlayVerbTests); the full no-surge file is kept for the golden
outputs. If this script changes what differs between the two files, change that overlay too.

    python3 scenarios/tools/generate_pengjiang.py

It also writes scenarios/pengjiang-roads.geojson, the illustrative road network with the two rivers
and seven bridges (pengjiang_roads.py, its own random stream), which the overlay
scenarios/overlays/pengjiang-roads.json adds to pengjiang.json (docs/roads.md).

Everything geometric and every rate is INVENTED for illustration; the figures taken from the
2023 rule-of-law report of the Pengjiang branch of the Jiangmen public security bureau (219
schools, 500+ officer-shifts a day at school gates, the 22:00-04:00 layered night patrol on bar
and night-food streets, foot / vehicle / bicycle / tactical "moving standby" patrol, 689 matters
transferred to the social-governance service centre with 98% resolved) are listed in
docs/pengjiang.md.
"""

import json
import math
import os
import random

import pengjiang_roads

RNG = random.Random(2023)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.dirname(HERE)

# ---------------------------------------------------------------------------------------------
# District outline (metres on a local plane, x east, y north; roughly 20 km x 15 km).
# ---------------------------------------------------------------------------------------------
DISTRICT = [
    [800, 1500], [6000, 300], [12000, 800], [17500, 200], [19600, 3000], [19800, 9000],
    [19400, 14200], [14000, 14800], [8000, 14500], [2500, 13800], [200, 9000], [500, 4500],
]

# ---------------------------------------------------------------------------------------------
# Stations (派出所). Names are pinyin labels of real places in Pengjiang; positions are invented.
# urban: part of the central city. sigma: spread (m) of the zones around the station.
# Zone counts per kind: nightlife, nightFood, influencer, commercial, transit, residential, schools.
# ---------------------------------------------------------------------------------------------
STATIONS = [
    # id,        name,                              x,     y,    urban, sigma, nl, nf, inf, com, tr, res, sch
    ("baisha",   "Baisha police station",           11500, 6000,  True, 1100, 4, 3, 1, 6, 2, 7, 34),
    ("beijie",   "Beijie police station",           13000, 7800,  True, 1100, 4, 3, 3, 6, 2, 7, 32),
    ("huanshi",  "Huanshi police station",          10000, 8200,  True, 1100, 2, 2, 1, 5, 2, 7, 33),
    ("didong",   "Didong police station",           13500, 4300,  True, 1100, 2, 2, 0, 4, 1, 7, 30),
    ("tangxia",  "Tangxia police station",          10500, 12300, False, 1500, 1, 1, 0, 3, 1, 5, 25),
    ("duruan",   "Duruan police station",           4500,  7500,  False, 1500, 1, 1, 1, 2, 1, 5, 24),
    ("chaolian", "Chaolian police station",         17600, 7600,  False, 1100, 0, 1, 1, 1, 0, 4, 19),
    ("hetang",   "Hetang police station",           16800, 11800, False, 1300, 0, 1, 1, 1, 1, 4, 22),
]
KIND_ORDER = ["nightlife", "nightFood", "influencer", "commercial", "transit", "residential", "schoolGate"]

# Hand-named influencer spots (网红打卡区域), in station order of appearance. Labels only.
INFLUENCER_NAMES = {
    "beijie": ["Changdi arcade street (Kuangbiao filming spot)", "Qimingli lane (Kuangbiao filming spot)",
               "Riverside promenade viewpoint"],
    "baisha": ["Baisha park lakeside"],
    "huanshi": ["Huanshi creative park"],
    "duruan": ["Duruan hillside tea garden"],
    "chaolian": ["Chaolian island riverside"],
    "hetang": ["Hetang ancestral-hall village"],
}

# ---------------------------------------------------------------------------------------------
# Hour-of-day (24) and day-of-week (7, Monday first) profiles. Illustrative shapes.
# ---------------------------------------------------------------------------------------------
PROFILES = {
    # Bar streets: fights and disorder late at night, peak 22:00-03:00, Friday/Saturday nights.
    "nightlife": {
        "hour": [2.6, 2.4, 2.0, 1.4, 0.7, 0.25, 0.1, 0.1, 0.1, 0.1, 0.15, 0.2,
                 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.7, 1.0, 1.4, 1.8, 2.4, 2.7],
        "day": [0.8, 0.8, 0.85, 0.95, 1.3, 1.5, 1.1],
    },
    # Night-food streets (宵夜街): supper crowds from 21:00 to 02:00.
    "nightFood": {
        "hour": [2.2, 2.0, 1.6, 1.0, 0.5, 0.2, 0.1, 0.1, 0.15, 0.2, 0.3, 0.5,
                 0.6, 0.4, 0.3, 0.3, 0.4, 0.6, 0.9, 1.3, 1.7, 2.1, 2.4, 2.4],
        "day": [0.85, 0.85, 0.9, 1.0, 1.25, 1.4, 1.1],
    },
    # Influencer spots: afternoons and early evenings, weekends.
    "influencer": {
        "hour": [0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3,
                 1.5, 1.7, 1.9, 2.0, 2.0, 1.9, 1.8, 1.7, 1.4, 1.0, 0.6, 0.3],
        "day": [0.6, 0.6, 0.6, 0.7, 0.9, 1.8, 1.8],
    },
    # Shops and markets: daytime to late evening.
    "commercial": {
        "hour": [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.6,
                 1.6, 1.5, 1.5, 1.6, 1.6, 1.6, 1.6, 1.6, 1.5, 1.2, 0.8, 0.4],
        "day": [0.9, 0.9, 0.9, 0.95, 1.05, 1.2, 1.1],
    },
    # Bus terminals, rail station, piers: commuting peaks.
    "transit": {
        "hour": [0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.0, 1.8, 1.9, 1.3, 1.1, 1.1,
                 1.2, 1.1, 1.1, 1.2, 1.5, 1.9, 1.9, 1.4, 1.0, 0.8, 0.5, 0.3],
        "day": [1.05, 1.0, 1.0, 1.0, 1.15, 0.95, 0.85],
    },
    # Housing estates and villages: disputes and noise in the evening.
    "residential": {
        "hour": [0.6, 0.4, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0,
                 1.0, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 2.0, 1.6, 1.0],
        "day": [0.95, 0.95, 0.95, 0.95, 1.0, 1.1, 1.1],
    },
    # School gates: opening (07-08) and closing (16-18) crowds, school days.
    "schoolGate": {
        "hour": [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.5, 6.0, 3.0, 0.4, 0.4, 0.8,
                 1.0, 0.6, 0.4, 0.6, 4.0, 5.0, 1.5, 0.3, 0.2, 0.1, 0.05, 0.05],
        "day": [1.2, 1.2, 1.2, 1.2, 1.2, 0.25, 0.2],
    },
    # Background demand over the whole district.
    "district": {
        "hour": [0.5, 0.4, 0.35, 0.3, 0.3, 0.4, 0.6, 0.9, 1.1, 1.2, 1.2, 1.2,
                 1.2, 1.1, 1.1, 1.2, 1.3, 1.3, 1.4, 1.4, 1.3, 1.1, 0.9, 0.7],
        "day": [1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.0],
    },
}

# ---------------------------------------------------------------------------------------------
# Incident types. Priorities 1..3; targets in minutes.
# ---------------------------------------------------------------------------------------------
INCIDENT_TYPES = [
    {"id": "fight", "name": "Fight or assault (打架斗殴)", "priority": 1, "targetResponseMinutes": 5,
     "onScene": {"distribution": "lognormal", "mean": 40, "sd": 20},
     "onViewProbability": 0.5, "escalationMinutes": 10, "escalatedOnSceneFactor": 1.5},
    {"id": "disorder", "name": "Drunk and disorderly", "priority": 2, "targetResponseMinutes": 10,
     "onScene": {"distribution": "lognormal", "mean": 25, "sd": 12},
     "onViewProbability": 0.6, "escalationMinutes": 20, "escalatedPriority": 1, "escalatedOnSceneFactor": 1.5},
    {"id": "theft", "name": "Theft or robbery report", "priority": 2, "targetResponseMinutes": 15,
     "onScene": {"distribution": "lognormal", "mean": 35, "sd": 20},
     "onViewProbability": 0.2},
    {"id": "traffic", "name": "Traffic collision", "priority": 2, "targetResponseMinutes": 15,
     "onScene": {"distribution": "lognormal", "mean": 40, "sd": 20}, "modes": ["car", "tactical"],
     "onViewProbability": 0.3},
    {"id": "dispute", "name": "Dispute or neighbour conflict (矛盾纠纷)", "priority": 3, "targetResponseMinutes": 30,
     "onScene": {"distribution": "lognormal", "mean": 45, "sd": 25},
     "onViewProbability": 0.2, "escalationMinutes": 60, "escalatedPriority": 2, "escalatedOnSceneFactor": 1.3,
     "transferShare": 0.03},
    {"id": "noise", "name": "Noise complaint", "priority": 3, "targetResponseMinutes": 30,
     "onScene": {"distribution": "exponential", "mean": 20}, "onViewProbability": 0.1},
    {"id": "suspicious", "name": "Suspicious person or vehicle", "priority": 3, "targetResponseMinutes": 20,
     "onScene": {"distribution": "exponential", "mean": 15}, "onViewProbability": 0.4},
    {"id": "help", "name": "Lost person or request for help", "priority": 3, "targetResponseMinutes": 30,
     "onScene": {"distribution": "lognormal", "mean": 30, "sd": 20}, "onViewProbability": 0.3},
]

TYPE_MIX = {
    "nightlife":   {"fight": 0.35, "disorder": 0.35, "theft": 0.08, "dispute": 0.1, "noise": 0.07, "suspicious": 0.05},
    "nightFood":   {"fight": 0.25, "disorder": 0.3, "theft": 0.1, "traffic": 0.05, "dispute": 0.18, "noise": 0.12},
    "influencer":  {"theft": 0.25, "traffic": 0.2, "dispute": 0.15, "help": 0.25, "suspicious": 0.1, "disorder": 0.05},
    "commercial":  {"theft": 0.4, "dispute": 0.2, "suspicious": 0.15, "help": 0.1, "fight": 0.05, "traffic": 0.1},
    "transit":     {"theft": 0.3, "traffic": 0.2, "help": 0.2, "suspicious": 0.15, "dispute": 0.1, "fight": 0.05},
    "residential": {"dispute": 0.35, "noise": 0.25, "theft": 0.15, "suspicious": 0.1, "help": 0.1, "fight": 0.05},
    "schoolGate":  {"traffic": 0.5, "suspicious": 0.2, "help": 0.2, "dispute": 0.1},
    "district":    {"traffic": 0.3, "dispute": 0.2, "theft": 0.2, "help": 0.1, "noise": 0.1, "suspicious": 0.05, "fight": 0.05},
}

# Mean incidents per day per zone, averaged over the week, before deterrence (invented).
DAILY_PER_ZONE = {
    "nightlife": 4.2, "nightFood": 3.3, "influencer": 1.8, "commercial": 2.5,
    "transit": 2.5, "residential": 1.6, "schoolGate": 0.06,
}
DISTRICT_DAILY = 100.0
SUBURBAN_NIGHT_FACTOR = 0.35  # bar and night-food streets outside the central city are quieter

# Zone sizes: (kind, shape, size parameters in metres).
SHAPES = {
    "nightlife":   ("street", (260, 380), (40, 60)),
    "nightFood":   ("street", (300, 450), (35, 55)),
    "influencer":  ("blob", (70, 110)),
    "commercial":  ("blob", (160, 240)),
    "transit":     ("blob", (90, 140)),
    "residential": ("blob", (350, 480)),
    "schoolGate":  ("blob", (20, 40)),
}

N_LARGE_SCHOOLS = 60  # schools needing two officers at each peak
COMMUNITY_TOTAL = 223  # community bicycle officers on the 06:45-17:45 peak-duty shift

ID_PART = {"nightlife": "bar", "nightFood": "food", "influencer": "spot", "commercial": "shop",
           "transit": "hub", "residential": "res"}


def inside(poly, x, y):
    """Ray casting point-in-polygon."""
    result = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def street(cx, cy, length, width, angle):
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    pts = []
    for sl, sw in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        pts.append([round(cx + sl * dx * length / 2 + sw * nx * width / 2),
                    round(cy + sl * dy * length / 2 + sw * ny * width / 2)])
    return pts


def blob(cx, cy, radius, n):
    """Star-shaped polygon around the centre (angles increasing, so always simple)."""
    start = RNG.uniform(0, 2 * math.pi)
    pts = []
    for k in range(n):
        a = start + 2 * math.pi * k / n + RNG.uniform(-0.25, 0.25) * 2 * math.pi / n
        r = radius * RNG.uniform(0.8, 1.15)
        pts.append([round(cx + r * math.cos(a)), round(cy + r * math.sin(a))])
    return pts


def centroid(poly):
    return (sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly))


def rate_for(daily, profile):
    p = PROFILES[profile]
    return daily / (sum(p["hour"]) * sum(p["day"]) / 7.0)


def build_zones():
    placed = []  # (x, y, radius)
    zones = []
    by_station = {s[0]: {k: [] for k in KIND_ORDER} for s in STATIONS}

    def free(x, y, r, margin=60):
        if not inside(DISTRICT, x, y):
            return False
        return all(math.hypot(x - px, y - py) > r + pr + margin for px, py, pr in placed)

    def place(kind, station, around=None):
        shape = SHAPES[kind]
        sid, _, sx, sy, urban, sigma = station[:6]
        for attempt in range(4000):
            if around is not None:
                ax, ay, ar = around[attempt % len(around)] if isinstance(around, list) else around
                a = RNG.uniform(0, 2 * math.pi)
                d = ar + RNG.uniform(80, 700)
                x, y = ax + d * math.cos(a), ay + d * math.sin(a)
            else:
                spread = sigma * (0.55 if kind in ("nightlife", "nightFood", "influencer", "transit") and urban else 1.0)
                x, y = RNG.gauss(sx, spread), RNG.gauss(sy, spread)
            if shape[0] == "street":
                length = RNG.uniform(*shape[1])
                width = RNG.uniform(*shape[2])
                r = length / 2
                if not free(x, y, r):
                    continue
                poly = street(x, y, length, width, RNG.uniform(0, math.pi))
            else:
                r = RNG.uniform(*shape[1])
                if not free(x, y, r * 1.15):
                    continue
                poly = blob(x, y, r, RNG.choice([5, 6, 7, 8]))
            if not all(inside(DISTRICT, px, py) for px, py in poly):
                continue
            placed.append((x, y, r * 1.15))
            return poly, (x, y, r)
        raise RuntimeError(f"could not place a {kind} zone near {sid}")

    for station in STATIONS:
        sid = station[0]
        counts = dict(zip(KIND_ORDER, station[6:]))
        pretty = sid.capitalize()
        for kind in KIND_ORDER[:-1]:
            for k in range(counts[kind]):
                poly, where = place(kind, station)
                if kind == "influencer":
                    name = INFLUENCER_NAMES[sid][k]
                else:
                    label = {"nightlife": "bar street", "nightFood": "night-food street", "commercial": "shopping area",
                             "transit": "transport hub", "residential": "residential area"}[kind]
                    name = f"{pretty} {label} {k + 1}"
                zid = f"{sid}-{ID_PART[kind]}-{k + 1}"
                by_station[sid][kind].append((zid, where))
                zones.append({"id": zid, "name": name, "kind": kind, "station": sid, "urban": station[4], "polygon": poly})
        # School gates cluster around the station's residential areas.
        around = [w for _, w in by_station[sid]["residential"]]
        for k in range(counts["schoolGate"]):
            poly, where = place("schoolGate", station, around=around[k % len(around)])
            level = RNG.choices(["kindergarten", "primary school", "secondary school"], weights=[0.5, 0.34, 0.16])[0]
            zid = f"{sid}-school-{k + 1}"
            by_station[sid]["schoolGate"].append((zid, where))
            zones.append({"id": zid, "name": f"{pretty} {level} {k + 1}", "kind": "schoolGate", "station": sid,
                          "urban": station[4], "level": level, "polygon": poly,
                          "near": by_station[sid]["residential"][k % len(around)][0]})

    # The 60 largest schools (primary and secondary first) get two officers at each peak.
    schools = [z for z in zones if z["kind"] == "schoolGate"]
    ranked = sorted(schools, key=lambda z: ({"secondary school": 0, "primary school": 1, "kindergarten": 2}[z["level"]], RNG.random()))
    for z in ranked[:N_LARGE_SCHOOLS]:
        z["postOfficers"] = 2

    # Rates: per-kind daily mean, varied per zone (lognormal), normalised so each kind keeps its total.
    for kind in KIND_ORDER:
        members = [z for z in zones if z["kind"] == kind]
        weights = []
        for z in members:
            w = RNG.lognormvariate(0, 0.35)
            if kind in ("nightlife", "nightFood") and not z["urban"]:
                w *= SUBURBAN_NIGHT_FACTOR
            weights.append(w)
        mean_w = sum(weights) / len(weights)
        for z, w in zip(members, weights):
            daily = DAILY_PER_ZONE[kind] * w / mean_w
            z["ratePerHour"] = round(rate_for(daily, kind), 6)
    return zones, by_station


def within(zones, kinds, station, radius):
    sx, sy = station[2], station[3]
    out = []
    for z in zones:
        if z["kind"] in kinds:
            cx, cy = centroid(z["polygon"])
            if math.hypot(cx - sx, cy - sy) <= radius:
                out.append(z)
    return out


def clusters(zone_list, n):
    """Splits zones into n compact groups of nearby zones (deterministic k-means on centroids)."""
    pts = [centroid(z["polygon"]) for z in zone_list]
    n = max(1, min(n, len(pts)))
    # Farthest-point initialisation from the first zone.
    centres = [pts[0]]
    while len(centres) < n:
        centres.append(max(pts, key=lambda p: min(math.hypot(p[0] - c[0], p[1] - c[1]) for c in centres)))
    for _ in range(50):
        groups = [[] for _ in centres]
        for i, p in enumerate(pts):
            k = min(range(len(centres)), key=lambda c: (math.hypot(p[0] - centres[c][0], p[1] - centres[c][1]), c))
            groups[k].append(i)
        centres = [(sum(pts[i][0] for i in g) / len(g), sum(pts[i][1] for i in g) / len(g)) if g else centres[k]
                   for k, g in enumerate(groups)]
    return [[zone_list[i]["id"] for i in g] for g in groups if g]


def postings(zone_list):
    """Officers needed at one school peak by these zones."""
    return sum(z.get("postOfficers", 1) for z in zone_list if z["kind"] == "schoolGate")


def build_units(zones):
    units = []
    station_by_id = {s[0]: s for s in STATIONS}
    own = lambda sid: [z for z in zones if z["station"] == sid]
    for station in STATIONS:
        sid, urban = station[0], station[4]
        mine = own(sid)
        # Cars (车辆巡): answer calls from the station, three 8-hour shifts.
        units.append({"id": f"car-{sid}", "count": 9 if urban else 6, "mode": "car", "station": sid, "duty": "station",
                      "shift": {"starts": ["07:00", "15:00", "23:00"], "hours": 8}})
        # Foot patrol (步巡): sectors of the busy streets within walking distance of the station.
        busy = [z for z in mine if z["kind"] in ("nightlife", "nightFood", "influencer", "commercial", "transit")]
        busy = [z for z in busy if math.hypot(centroid(z["polygon"])[0] - station[2], centroid(z["polygon"])[1] - station[3]) <= 2500] or busy
        for k, beat in enumerate(clusters(busy, 3 if urban else 1)):
            units.append({"id": f"foot-{sid}-{'abc'[k]}", "count": 3, "mode": "foot", "station": sid, "duty": "patrol",
                          "beat": beat, "shift": {"starts": ["07:00", "12:00", "18:00"], "hours": 8}})
        # Bicycle patrol (单车巡): wider sectors including housing.
        wide = [z for z in mine if z["kind"] not in ("schoolGate",)]
        for k, beat in enumerate(clusters(wide, 2 if urban else 1)):
            units.append({"id": f"bike-{sid}-{'ab'[k]}", "count": 3, "mode": "bicycle", "station": sid, "duty": "patrol",
                          "beat": beat, "shift": {"starts": ["07:00", "12:00", "18:00"], "hours": 8}})
        # Community officers on bicycles on peak duty (高峰勤务), one long day shift covering both
        # school peaks. One group per housing area, patrolling the area and the school gates around
        # it; sized in proportion to the group's school-gate postings (COMMUNITY_TOTAL in all).
        for res in (z for z in mine if z["kind"] == "residential"):
            schools = [z for z in mine if z.get("near") == res["id"]]
            n_comm = max(1, round(COMMUNITY_TOTAL * postings(schools) / postings(zones)))
            units.append({"id": f"community-{res['id'].replace('-res-', '-')}", "count": n_comm, "mode": "bicycle", "station": sid,
                          "duty": "patrol", "beat": [res["id"]] + [z["id"] for z in schools],
                          "shift": {"start": "06:45", "hours": 11}})
    # Tactical units (巡特警 "动中备", moving standby): patrol the busy hotspots of a wide area;
    # three 8-hour shifts, so 6 units on duty around the clock.
    tactical_bases = ["baisha", "beijie", "huanshi", "didong", "tangxia", "duruan"]
    for sid in tactical_bases:
        station = station_by_id[sid]
        beat = [z["id"] for z in within(zones, ("nightlife", "nightFood", "influencer", "transit", "commercial"), station, 5000)]
        units.append({"id": f"tactical-{sid}", "count": 3, "mode": "tactical", "station": sid, "duty": "patrol",
                      "beat": beat, "shift": {"starts": ["00:00", "08:00", "16:00"], "hours": 8}})
    # Fixed posts at key points (重点驻警): the main transport hub and the main influencer spot.
    hub = next(z for z in zones if z["id"] == "baisha-hub-1")
    spot = next(z for z in zones if z["id"] == "beijie-spot-1")
    hx, hy = centroid(hub["polygon"])
    px, py = centroid(spot["polygon"])
    units.append({"id": "post-hub", "count": 3, "mode": "foot", "station": "baisha", "duty": "post",
                  "post": [round(hx), round(hy)], "shift": {"starts": ["07:00", "15:00", "23:00"], "hours": 8}})
    units.append({"id": "post-changdi", "count": 2, "mode": "foot", "station": "beijie", "duty": "post",
                  "post": [round(px), round(py)], "shift": {"starts": ["09:00", "15:00"], "hours": 9}})
    return units


def total_units(units):
    return sum(u.get("count", 1) for u in units)


def scenario(zones, units, with_surge):
    district_rate = round(rate_for(DISTRICT_DAILY, "district"), 6)
    # School gates come last, the most remote first: the simulator staffs the posts of a peak in file
    # order, each with the nearest free unit, so remote schools (few units nearby) pick first and the
    # dense city centre takes what is left close by.
    cx = sum(st[2] for st in STATIONS if st[4]) / sum(1 for st in STATIONS if st[4])
    cy = sum(st[3] for st in STATIONS if st[4]) / sum(1 for st in STATIONS if st[4])
    remote = lambda z: -math.hypot(centroid(z["polygon"])[0] - cx, centroid(z["polygon"])[1] - cy)
    ordered = [z for z in zones if z["kind"] != "schoolGate"] + sorted((z for z in zones if z["kind"] == "schoolGate"), key=remote)
    zone_docs = []
    for z in ordered:
        doc = {"id": z["id"], "name": z["name"], "kind": z["kind"], "profile": z["kind"], "ratePerHour": z["ratePerHour"]}
        if "postOfficers" in z:
            doc["postOfficers"] = z["postOfficers"]
        doc["typeMix"] = TYPE_MIX[z["kind"]]
        doc["polygon"] = z["polygon"]
        zone_docs.append(doc)
    zone_docs.append({"id": "district", "name": "Pengjiang district (background demand)", "kind": "district",
                      "profile": "district", "ratePerHour": district_rate, "typeMix": TYPE_MIX["district"],
                      "polygon": DISTRICT})
    expected = sum(d["ratePerHour"] * sum(PROFILES[d["profile"]]["hour"]) * sum(PROFILES[d["profile"]]["day"]) / 7
                   for d in zone_docs)
    n_school = sum(1 for z in zones if z["kind"] == "schoolGate")
    n_other = len(zones) - n_school
    fleet = total_units(units)
    surge_units = [
        {"id": "surge-foot-baisha", "count": 4, "mode": "foot", "station": "baisha"},
        {"id": "surge-foot-beijie", "count": 4, "mode": "foot", "station": "beijie"},
        {"id": "surge-bike-huanshi", "count": 2, "mode": "bicycle", "station": "huanshi"},
        {"id": "surge-bike-didong", "count": 2, "mode": "bicycle", "station": "didong"},
    ]
    common = (
        f"ILLUSTRATIVE scenario of the Pengjiang district of Jiangmen, not real data. Taken from the 2023 rule-of-law "
        f"report of the Pengjiang public security branch: the layered patrol system with foot, vehicle, bicycle and "
        f"tactical 'moving standby' patrol; 219 school gates (primary, secondary schools and kindergartens) staffed "
        f"at opening and closing peaks with about 500 officer-shifts a day (here 219 + {N_LARGE_SCHOOLS} two-officer "
        f"posts x 2 windows = {2 * (n_school + N_LARGE_SCHOOLS)} postings per school day); the 22:00-04:00 layered "
        f"night patrol on bar and night-food streets; influencer spots such as the 'Kuangbiao' filming spots; "
        f"disputes transferred to the social-governance service centre with 98% resolved. Invented: all geometry "
        f"(20 km x 15 km local plane, 8 stations, {n_other} hotspot zones plus {n_school} school gates plus one "
        f"district-wide background zone = {len(zone_docs)} zones), all rates and profiles (about {round(expected, -1):.0f} incidents a "
        f"day on average before the deterrent effect of patrols), incident types, shifts and the fleet of {fleet} units. See docs/pengjiang.md."
    )
    doc = {
        "name": "pengjiang" if with_surge else "pengjiang-no-surge",
        "description": common + (
            " With the night surge: 12 extra units (8 foot, 4 bicycle) on bar and night-food streets 22:00-04:00."
            if with_surge else
            " Twin of pengjiang.json WITHOUT the night surge (everything else identical), for comparison."),
        "start": "2023-06-05T00:00",
        "days": 7,
        "seed": 2023,
        "modes": {
            "foot": {"speedKmh": 5, "detourFactor": 1.2, "visibility": 1.0},
            "bicycle": {"speedKmh": 15, "detourFactor": 1.3, "visibility": 0.9},
            "car": {"speedKmh": 30, "detourFactor": 1.4, "visibility": 0.6},
            "tactical": {"speedKmh": 40, "detourFactor": 1.4, "visibility": 1.0},
        },
        "stations": [{"id": s[0], "name": s[1], "location": [s[2], s[3]]} for s in STATIONS],
        "profiles": PROFILES,
        "incidentTypes": INCIDENT_TYPES,
        "zones": zone_docs,
        "units": units,
        "dispatch": {"queue": True, "preemptPostsUpToPriority": 1, "tacticalPreferenceMinutes": 3},
        "patrol": {
            "policy": "risk-guided", "dwellMinMinutes": 10, "dwellMaxMinutes": 16, "replanMinutes": 30,
            "diminishing": 0.5, "deterrenceFactor": 0.4, "residualMinutes": 30,
            "nearRepeatRadiusMetres": 300, "nearRepeatWeight": 0.3, "nearRepeatDecayMinutes": 120,
            "alertThreshold": ALERT_THRESHOLD, "checkMinutes": 15, "alertCooldownMinutes": 60, "topRiskShare": 0.2,
        },
    }
    if with_surge:
        doc["surge"] = {"from": "22:00", "to": "04:00", "zoneKinds": ["nightlife", "nightFood"], "units": surge_units}
    doc["schoolPosts"] = {
        "zoneKind": "schoolGate",
        "windows": [{"start": "07:15", "end": "08:15"}, {"start": "16:30", "end": "17:45"}],
        "officersPerPost": 1,
        "days": [0, 1, 2, 3, 4],
        "poolModes": ["foot", "bicycle", "car"],
    }
    doc["mediation"] = {"resolvedShare": 0.98}
    return doc


ALERT_THRESHOLD = 0.9


# ---------------------------------------------------------------------------------------------
# Compact, readable JSON: objects one key per line; short objects, points and polygons on one line.
# ---------------------------------------------------------------------------------------------
def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def is_flat(value):
    if isinstance(value, list):
        return all(not isinstance(v, (list, dict)) or (isinstance(v, list) and all(not isinstance(w, (list, dict)) for w in v)) for v in value)
    if isinstance(value, dict):
        return all(not isinstance(v, (list, dict)) or (isinstance(v, list) and all(not isinstance(w, (list, dict)) for w in v)) for v in value.values()) and len(compact(value)) <= 160
    return True


def render(value, indent=0, key=None):
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(value, dict):
        if indent >= 2 and is_flat(value):
            return compact(value)
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {render(v, indent + 1, k)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if is_flat(value):
            return compact(value)
        items = [f"{inner}{render(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return compact(value)


def main():
    zones, _ = build_zones()
    units = build_units(zones)
    for with_surge, file in ((True, "pengjiang.json"), (False, "pengjiang-no-surge.json")):
        text = render(scenario(zones, units, with_surge)) + "\n"
        path = os.path.join(OUT_DIR, file)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {os.path.relpath(path)} ({len(text.encode('utf-8')) // 1024} KB)")
    counts = {}
    for z in zones:
        counts[z["kind"]] = counts.get(z["kind"], 0) + 1
    print("zones:", counts, "+ 1 district;", "units:", total_units(units), "+ 12 surge")
    roads_path = os.path.join(OUT_DIR, "pengjiang-roads.geojson")
    lines, segments, size = pengjiang_roads.write(roads_path, DISTRICT, inside)
    print(f"wrote {os.path.relpath(roads_path)} ({lines} lines, {segments} segments, {size // 1024} KB)")


if __name__ == "__main__":
    main()
