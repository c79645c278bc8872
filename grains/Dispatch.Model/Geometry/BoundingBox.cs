namespace Dispatch.Model.Geometry;

/// <summary>An axis-aligned bounding box by its sides (a polygon's envelope), as plain doubles.</summary>
internal readonly record struct BoundingBox(double MinX, double MaxX, double MinY, double MaxY)
{
    /// <summary>Whether <paramref name="p"/> lies more than <paramref name="margin"/> outside the box on some side.</summary>
    public bool IsFarOutside(Point2 p, double margin) =>
        p.X < MinX - margin || p.X > MaxX + margin || p.Y < MinY - margin || p.Y > MaxY + margin;

    /// <summary>A uniform random point in the box (x drawn first), as NetTopologySuite's MinX + u x Width.</summary>
    public Point2 RandomPoint(Randomness.IRandom random) =>
        new(MinX + random.NextDouble() * (MaxX - MinX), MinY + random.NextDouble() * (MaxY - MinY));
}
