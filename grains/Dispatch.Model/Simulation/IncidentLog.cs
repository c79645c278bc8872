namespace Dispatch.Model.Simulation;

/// <summary>The run's incidents, by id (the order they were created in), and those changed since the last drain (for batched grain updates).</summary>
internal sealed class IncidentLog
{
    private readonly List<IncidentRecord> _all = [];
    private readonly List<IncidentRecord> _touched = [];

    public IReadOnlyList<IncidentRecord> All => _all;

    /// <summary>How many incidents there are (the id of the next one).</summary>
    public int Count => _all.Count;

    public IncidentRecord this[int id] => _all[id];

    /// <summary>Adds a new incident (its id is <see cref="Count"/>), as changed.</summary>
    public void Add(IncidentRecord incident)
    {
        _all.Add(incident);
        Touch(incident);
    }

    /// <summary>Marks an incident as changed.</summary>
    public void Touch(IncidentRecord incident)
    {
        if (!incident.Touched)
        {
            incident.Touched = true;
            _touched.Add(incident);
        }
    }

    /// <summary>The incidents changed since the previous call, in the order of their first change.</summary>
    public List<IncidentRecord> DrainTouched()
    {
        var incidents = _touched.ToList();
        foreach (var incident in _touched)
        {
            incident.Touched = false;
        }
        _touched.Clear();
        return incidents;
    }
}
