namespace Dispatch.Model.Geometry;

/// <summary>A point on the scenario's local plane, in metres (x east, y north).</summary>
public readonly record struct Point2(double X, double Y)
{
    public double DistanceTo(Point2 other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>The point a fraction <paramref name="t"/> (0..1) of the way to <paramref name="to"/>.</summary>
    public Point2 Lerp(Point2 to, double t) => new(X + (to.X - X) * t, Y + (to.Y - Y) * t);
}
