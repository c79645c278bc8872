using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using NetTopologySuite.Geometries;

namespace Dispatch.Model.Tests;

/// <summary>Segment-in-polygon: where a straight leg of a unit's path runs inside a zone.</summary>
public class GeometryTests
{
    private static readonly ZoneShape Square10 = new([new(0, 0), new(10, 0), new(10, 10), new(0, 10)]);

    /// <summary>An L: the 10 x 10 square without its upper-right 6 x 6 corner.</summary>
    private static readonly ZoneShape LShape = new([new(0, 0), new(10, 0), new(10, 4), new(4, 4), new(4, 10), new(0, 10)]);

    private static void AssertIntervals(List<(double From, double To)> actual, params (double From, double To)[] expected)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].From, actual[k].From, 12);
            Assert.Equal(expected[k].To, actual[k].To, 12);
        }
    }

    [Fact]
    public void Segment_crossing_a_square_enters_and_leaves_at_the_edges()
    {
        // (-5, 5) -> (15, 5): 20 m long, enters at x = 0 (5/20) and leaves at x = 10 (15/20).
        AssertIntervals(Square10.InsideIntervals(new(-5, 5), new(15, 5)), (0.25, 0.75));
        // Reversed direction: the same fractions measured from the other end.
        AssertIntervals(Square10.InsideIntervals(new(15, 5), new(-5, 5)), (0.25, 0.75));
        // A slope (-2, 1) -> (12, 8): enters at x = 0 (t = 2/14, y = 2), leaves at x = 10 (t = 12/14, y = 7).
        AssertIntervals(Square10.InsideIntervals(new(-2, 1), new(12, 8)), (2.0 / 14, 12.0 / 14));
    }

    [Fact]
    public void Segment_starting_inside_is_inside_from_zero()
    {
        // (5, 5) -> (15, 5): leaves at x = 10, half way.
        AssertIntervals(Square10.InsideIntervals(new(5, 5), new(15, 5)), (0, 0.5));
        // (25, 5) -> (5, 5): enters at x = 10, 15/20 of the way, and ends inside.
        AssertIntervals(Square10.InsideIntervals(new(25, 5), new(5, 5)), (0.75, 1));
    }

    [Fact]
    public void Segment_fully_inside_is_one_interval_and_a_miss_is_none()
    {
        AssertIntervals(Square10.InsideIntervals(new(2, 2), new(8, 7)), (0, 1));
        AssertIntervals(Square10.InsideIntervals(new(-5, -5), new(-1, 20)));
        // Passes beside the square, its supporting line crossing it: still nothing.
        AssertIntervals(Square10.InsideIntervals(new(11, -5), new(20, 5)));
    }

    [Fact]
    public void Segment_through_both_arms_of_an_L_gives_two_intervals()
    {
        // (-1, 10) -> (10, -1), x = -1 + 11t, y = 10 - 11t: enters the vertical arm at x = 0
        // (t = 1/11), leaves it at x = 4 (t = 5/11, y = 5 > 4), enters the horizontal arm at y = 4
        // (x = 5, t = 6/11) and leaves it at y = 0 (x = 9, t = 10/11).
        var intervals = LShape.InsideIntervals(new(-1, 10), new(10, -1));
        AssertIntervals(intervals, (1.0 / 11, 5.0 / 11), (6.0 / 11, 10.0 / 11));
        // Total inside length 8/11 of 11 sqrt 2 = 8 sqrt 2.
        var length = intervals.Sum(i => i.To - i.From) * 11 * Math.Sqrt(2);
        Assert.Equal(8 * Math.Sqrt(2), length, 12);
    }

    [Fact]
    public void SegmentClipper_uses_the_given_containment()
    {
        // The same ring with a containment that says "never inside": no interval, whatever the crossings.
        var ring = Square10.Ring;
        Assert.Empty(SegmentClipper.InsideIntervals(new(-5, 5), new(15, 5), ring, _ => false));
        AssertIntervals(SegmentClipper.InsideIntervals(new(-5, 5), new(15, 5), ring, Square10.Contains), (0.25, 0.75));
    }

    /// <summary>
    /// Cross-check against NetTopologySuite's overlay on random star-shaped (so simple, mostly
    /// concave) polygons and random segments: the total inside length agrees within 1e-6 m.
    /// </summary>
    [Fact]
    public void Inside_length_matches_NetTopologySuite_on_random_cases()
    {
        var random = new RandomStream(20230605);
        var factory = new GeometryFactory();
        var crossings = 0;
        var multiple = 0;
        for (var n = 0; n < 300; n++)
        {
            var vertices = 3 + (int)(random.NextDouble() * 10);
            var angles = Enumerable.Range(0, vertices).Select(_ => random.NextDouble() * 2 * Math.PI).Order().ToList();
            var cx = random.NextDouble() * 1000;
            var cy = random.NextDouble() * 1000;
            var ring = angles.Select(a =>
            {
                var r = 50 + random.NextDouble() * 450;
                return new Point2(cx + r * Math.Cos(a), cy + r * Math.Sin(a));
            }).ToList();
            var shape = new ZoneShape(ring);
            if (!shape.Polygon.IsValid || shape.Area <= 0)
            {
                continue;
            }
            for (var s = 0; s < 5; s++)
            {
                var a = new Point2(-500 + random.NextDouble() * 2000, -500 + random.NextDouble() * 2000);
                var b = new Point2(-500 + random.NextDouble() * 2000, -500 + random.NextDouble() * 2000);
                var intervals = shape.InsideIntervals(a, b);
                var ours = intervals.Sum(i => i.To - i.From) * a.DistanceTo(b);
                var line = factory.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]);
                var theirs = shape.Polygon.Intersection(line).Length;
                Assert.True(Math.Abs(ours - theirs) < 1e-6, $"case {n}/{s}: {ours} vs NTS {theirs}");
                foreach (var (from, to) in intervals)
                {
                    Assert.True(0 <= from && from < to && to <= 1);
                    // Every piece is inside: its midpoint is in the polygon.
                    Assert.True(shape.Contains(a.Lerp(b, (from + to) / 2)));
                }
                crossings += intervals.Count > 0 ? 1 : 0;
                multiple += intervals.Count > 1 ? 1 : 0;
            }
        }
        // The sample exercised both hits and concave cases with several pieces.
        Assert.True(crossings > 300, $"{crossings} segments touched a polygon");
        Assert.True(multiple > 30, $"{multiple} segments had several pieces");
    }
}
