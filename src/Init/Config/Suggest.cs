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
            var distance = Distance(word, candidate);
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
        // A one-letter name is "close" to every other one-letter name; that is no hint.
        return bestDistance <= Math.Min(Math.Max(2, word.Length / 3), word.Length - 1) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or, failing that, the list of valid choices.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates)
    {
        var closest = Closest(word, candidates);
        return closest is not null
            ? $"; did you mean '{closest}'?"
            : $"; valid keys are {string.Join(", ", candidates)}";
    }

    // Optimal string alignment: edits plus swaps of neighbours, the most common typo ("TREM").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
