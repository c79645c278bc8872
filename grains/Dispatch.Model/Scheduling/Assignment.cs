using Dispatch.Model.Geometry;

namespace Dispatch.Model.Scheduling;

/// <summary>A decision of the scheduler for the kernel to carry out: send <see cref="Unit"/> to <see cref="At"/> in <see cref="Zone"/>.</summary>
public readonly record struct Assignment(int Unit, int Zone, Point2 At);
