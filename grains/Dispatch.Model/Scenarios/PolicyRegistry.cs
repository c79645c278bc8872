namespace Dispatch.Model.Scenarios;

/// <summary>One policy a scenario may choose: its name in scenario files and reports, what it does, and how to make one.</summary>
/// <typeparam name="TFactory">The delegate that makes the policy (its arguments depend on the kind of policy).</typeparam>
public sealed record PolicyEntry<TFactory>(string Name, string Description, TFactory Create)
    where TFactory : Delegate;

/// <summary>
/// The policies of one kind (patrol, dispatch) in the one place they are registered. Validation
/// reads the allowed names from it, the kernel makes the chosen policy through it, and the docs
/// list its names (a test holds docs/scenario-format.md to it).
/// </summary>
public sealed class PolicyRegistry<TFactory>
    where TFactory : Delegate
{
    private readonly Dictionary<string, PolicyEntry<TFactory>> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="entries"/> in the order given; names must be unique.</summary>
    public PolicyRegistry(string kind, IReadOnlyList<PolicyEntry<TFactory>> entries)
    {
        Kind = kind;
        Entries = entries;
        foreach (var entry in entries)
        {
            if (!_byName.TryAdd(entry.Name, entry))
            {
                throw new ArgumentException($"{kind} policy '{entry.Name}' is registered twice", nameof(entries));
            }
        }
        Names = [.. entries.Select(e => e.Name)];
    }

    /// <summary>What kind of policy this registry holds ("patrol", "dispatch"), for messages.</summary>
    public string Kind { get; }

    /// <summary>Every registered policy, in registration order (the order the docs list them).</summary>
    public IReadOnlyList<PolicyEntry<TFactory>> Entries { get; }

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The names as a reader would list them: "a, b or c".</summary>
    public string NameList => Names.Count < 2 ? string.Join("", Names) : $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";

    /// <summary>True when <paramref name="name"/> is registered (names are case-sensitive).</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The entry called <paramref name="name"/>; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public PolicyEntry<TFactory> Find(string name) =>
        _byName.TryGetValue(name, out var entry) ? entry : throw new ArgumentException($"unknown {Kind} policy '{name}'", nameof(name));
}
