namespace ContainerInit.Config;

/// <summary>"Did you mean" for misspelled keys and names.</summary>
internal static class Suggest
{
    /// <summary>The closest candidate, or null when nothing is close enough to be a likely typo.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate);
            // A cut-off prefix ("stopwait" for "stopwaitsecs") is as likely a slip as a typo.
            if (word.Length >= 4 && (candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                                     word.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)))
                distance = Math.Min(distance, 1);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or, failing that, the list of valid choices.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates)
    {
        var closest = Closest(word, candidates);
        return closest is not null
            ? $"; did you mean '{closest}'?"
            : $"; valid keys are {string.Join(", ", candidates)}";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
