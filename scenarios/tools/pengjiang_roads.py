"""The illustrative road network of the Pengjiang scenario (docs/pengjiang.md section "Roads").

Writes scenarios/pengjiang-roads.geojson: a jittered grid of streets (every 160 m) with an arterial
every sixth line, inside the district outline, cut by two rivers -- the Xijiang (north-south, east
of the centre, Chaolian and Hetang on its far bank) and the Pengjiang (west-east through the city,
into the Xijiang) -- and joined across them only by a handful of bridges. Only the largest connected
part is kept. EVERYTHING here is invented for illustration: not a map of the real district.

Uses its own random.Random(22), so the scenario files of generate_pengjiang.py stay as they were.
"""

import json
import random

SPACING = 160          # metres between grid lines
JITTER = 30            # +- metres of random displacement of each crossing
ARTERIAL_EVERY = 6     # every sixth row and column is an arterial

# River courses (polylines, metres on the scenario's plane). Illustrative.
XIJIANG = [[15600, -500], [15900, 3000], [16100, 6000], [15800, 9000], [16000, 12000], [15700, 15500]]
PENGJIANG = [[-500, 6200], [3000, 6400], [6000, 6600], [9000, 7000], [12000, 7000], [14500, 6800], [16050, 6700]]

# Bridges: (river, the x (Pengjiang) or y (Xijiang) near which the crossing grid edge is kept, name).
BRIDGES = [
    ("pengjiang", 4200, "Duruan bridge"),
    ("pengjiang", 8400, "Huanshi bridge"),
    ("pengjiang", 10800, "Jiangmen bridge"),
    ("pengjiang", 12600, "Beijie bridge"),
    ("pengjiang", 14600, "Didong bridge"),
    ("xijiang", 4600, "Xijiang south bridge"),
    ("xijiang", 10400, "Xijiang north bridge"),
]


def _cross(a, b, c, d):
    """Whether segment ab properly crosses segment cd."""
    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)
    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def _crosses(river, a, b):
    return any(_cross(a, b, river[k], river[k + 1]) for k in range(len(river) - 1))


def build(district, inside):
    """The road lines: a list of (id, class, [[x, y], ...])."""
    rng = random.Random(22)
    xs = [p[0] for p in district]
    ys = [p[1] for p in district]
    x0, y0 = min(xs), min(ys)
    cols = int((max(xs) - x0) / SPACING) + 1
    rows = int((max(ys) - y0) / SPACING) + 1
    node = {}
    for r in range(rows):
        for c in range(cols):
            x = x0 + c * SPACING + rng.uniform(-JITTER, JITTER)
            y = y0 + r * SPACING + rng.uniform(-JITTER, JITTER)
            if inside(district, x, y):
                node[(r, c)] = [round(x), round(y)]
    rivers = {"pengjiang": PENGJIANG, "xijiang": XIJIANG}
    # Grid edges, horizontal ((r, c) -> (r, c + 1)) and vertical ((r, c) -> (r + 1, c)).
    edges = []
    for (r, c) in node:
        for (dr, dc) in ((0, 1), (1, 0)):
            if (r + dr, c + dc) in node:
                edges.append(((r, c), (r + dr, c + dc)))
    kept, crossing = [], {name: [] for name in rivers}
    for e in edges:
        a, b = node[e[0]], node[e[1]]
        over = [name for name, river in rivers.items() if _crosses(river, a, b)]
        if over:
            if len(over) == 1:
                crossing[over[0]].append(e)
        else:
            kept.append(e)
    bridges = []
    for river, at, name in BRIDGES:
        # Pengjiang bridges are vertical edges near x = at; Xijiang bridges horizontal edges near y = at.
        axis, vertical = (0, True) if river == "pengjiang" else (1, False)
        options = [e for e in crossing[river] if (e[0][1] == e[1][1]) == vertical]
        best = min(options, key=lambda e: abs((node[e[0]][axis] + node[e[1]][axis]) / 2 - at))
        bridges.append((name, best))
    # Keep the largest connected part (grid corners cut off by the outline or the rivers go).
    adjacency = {}
    for a, b in kept + [e for _, e in bridges]:
        adjacency.setdefault(a, []).append(b)
        adjacency.setdefault(b, []).append(a)
    parts, seen = [], set()
    for start in sorted(adjacency):
        if start in seen:
            continue
        part, stack = set(), [start]
        seen.add(start)
        while stack:
            n = stack.pop()
            part.add(n)
            for m in adjacency[n]:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        parts.append(part)
    main = max(parts, key=len)
    kept = set(e for e in kept if e[0] in main)
    lines = []
    # Rows and columns as long lines, broken where an edge is missing.
    for horizontal in (True, False):
        count = rows if horizontal else cols
        length = cols if horizontal else rows
        for k in range(count):
            run = []
            for j in range(length + 1):
                here = (k, j) if horizontal else (j, k)
                nxt = (k, j + 1) if horizontal else (j + 1, k)
                if not run and here in node:
                    run = [here]
                if run and (here, nxt) in kept:
                    run.append(nxt)
                else:
                    if len(run) >= 2:
                        kind = "arterial" if k % ARTERIAL_EVERY == 0 else "street"
                        prefix = "row" if horizontal else "col"
                        lines.append((f"{prefix}{k}-{run[0][1 if horizontal else 0]}", kind, [node[n] for n in run]))
                    run = []
    for name, (a, b) in bridges:
        lines.append((name, "arterial", [node[a], node[b]]))
    return lines


def write(path, district, inside):
    lines = build(district, inside)
    features = [
        json.dumps({"type": "Feature", "properties": {"id": i, "class": k},
                    "geometry": {"type": "LineString", "coordinates": pts}}, separators=(",", ":"))
        for i, k, pts in lines
    ]
    text = ('{"type":"FeatureCollection",\n"features":[\n' + ",\n".join(features) + "\n]}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    segments = sum(len(p) - 1 for _, _, p in lines)
    return len(lines), segments, len(text.encode("utf-8"))
