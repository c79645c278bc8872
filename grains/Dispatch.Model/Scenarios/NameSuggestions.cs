namespace Dispatch.Model.Scenarios;

/// <summary>"Did you mean ...?": the nearest known name by edit distance.</summary>
public static class NameSuggestions
{
    /// <summary>
    /// The known name nearest to <paramref name="name"/> if it is close enough to be a likely typo
    /// (same letters in another case, or at most about a third of the letters wrong), else null.
    /// </summary>
    public static string? Nearest(string? name, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == name)
            {
                continue;
            }
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        var allowed = Math.Max(2, Math.Min(name.Length, best?.Length ?? 0) / 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary><c>; did you mean 'x'?</c> (with a note when only the case differs), or an empty string.</summary>
    public static string DidYouMean(string? name, IEnumerable<string> known)
    {
        var nearest = Nearest(name, known);
        if (nearest is null)
        {
            return "";
        }
        return string.Equals(nearest, name, StringComparison.OrdinalIgnoreCase)
            ? $"; did you mean '{nearest}'? (names are case-sensitive)"
            : $"; did you mean '{nearest}'?";
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions; adjacent swaps count 1).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 200 || b.Length > 200)
        {
            return Math.Max(a.Length, b.Length);
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
