namespace ContainerInit.Config;

/// <summary>Expands an [init].include pattern: * and ? in the file name only, as a shell would, minus
/// hidden files.</summary>
internal static class IncludeGlob
{
    /// <summary>The matching regular files (full paths); null with an error for a pattern we refuse.</summary>
    public static IReadOnlyList<string>? Expand(string pattern, string baseDirectory, out string? error)
    {
        error = null;
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDirectory, pattern);
        var directory = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        if (directory is null || name.Length == 0)
        {
            error = "names a directory; add a file pattern, for example \"conf.d/*.toml\"";
            return null;
        }
        // Wildcards in directories would make the order of drop-ins depend on more than one listing; keep it simple.
        if (directory.IndexOfAny(['*', '?', '[']) >= 0)
        {
            error = "has a wildcard in a directory name; wildcards are allowed only in the file name, for example \"/etc/container-init/conf.d/*.toml\"";
            return null;
        }
        if (name.IndexOfAny(['*', '?']) < 0)
            return File.Exists(full) ? [full] : [];
        if (!Directory.Exists(directory))
            return [];
        var matches = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.StartsWith('.') && !name.StartsWith('.'))
                continue;
            if (Matches(fileName, name))
                matches.Add(file);
        }
        return matches;
    }

    private static bool Matches(string text, string pattern)
    {
        // Iterative wildcard match with backtracking to the last '*'.
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
