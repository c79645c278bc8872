namespace Dispatch.Model.Simulation;

/// <summary>Incidents waiting for a unit: higher priority (lower number) first, then first come first served.</summary>
public sealed class DispatchQueue
{
    private readonly SortedSet<IncidentRecord> _waiting = new(new PriorityThenArrival());

    public int Count => _waiting.Count;

    public IEnumerable<IncidentRecord> InOrder => _waiting;

    public void Enqueue(IncidentRecord incident) => _waiting.Add(incident);

    /// <summary>Removes an incident (before its priority changes, since the order depends on it).</summary>
    public bool Remove(IncidentRecord incident) => _waiting.Remove(incident);

    /// <summary>Removes and returns the first waiting incident that <paramref name="canServe"/> accepts.</summary>
    public IncidentRecord? TakeFirst(Func<IncidentRecord, bool> canServe)
    {
        foreach (var incident in _waiting)
        {
            if (canServe(incident))
            {
                _waiting.Remove(incident);
                return incident;
            }
        }
        return null;
    }

    private sealed class PriorityThenArrival : IComparer<IncidentRecord>
    {
        public int Compare(IncidentRecord? x, IncidentRecord? y)
        {
            var c = x!.Priority.CompareTo(y!.Priority);
            if (c == 0)
            {
                c = x.CreatedAt.CompareTo(y.CreatedAt);
            }
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        }
    }
}
