namespace ContainerInit.Startup;

/// <summary>Which files of the startup folder run, and in what order.</summary>
internal static class StartupScripts
{
    /// <summary>The scripts to run in byte-wise lexical order, and the files passed over with the reason.</summary>
    internal static (List<string> Scripts, List<(string Path, string Reason)> Skipped) Select(string directory)
    {
        var scripts = new List<string>();
        var skipped = new List<(string, string)>();
        if (!Directory.Exists(directory)) return (scripts, skipped);

        var entries = Directory.GetFileSystemEntries(directory).ToList();
        // Byte-wise, as the C locale sorts: "10-a" before "20-b" before "90-c", uppercase before lowercase.
        entries.Sort(StringComparer.Ordinal);
        foreach (var path in entries)
        {
            var name = Path.GetFileName(path);
            var reason = SkipReason(path, name);
            if (reason is null) scripts.Add(path);
            else skipped.Add((path, reason));
        }
        return (scripts, skipped);
    }

    private static string? SkipReason(string path, string name)
    {
        if (name.StartsWith('.')) return "hidden";
        if (name.EndsWith('~')) return "editor backup";
        if (name.EndsWith(".rpmnew", StringComparison.Ordinal) || name.EndsWith(".rpmsave", StringComparison.Ordinal) || name.Contains(".dpkg-", StringComparison.Ordinal))
            return "package manager leftover";
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        if (info is not FileInfo { Exists: true } file) return Directory.Exists(path) ? "a directory" : "not a regular file";
        if ((file.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0) return "not executable";
        return null;
    }
}
