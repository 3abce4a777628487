namespace ContainerInit.Config;

/// <summary>Loads the supervisor config: the main file, then its drop-ins, into one checked <see cref="InitConfig"/>.</summary>
/// <remarks>Overview: each file is parsed on its own (syntax tree for positions, source-generated model
/// for values); the files are then applied in order onto one set of tables; only then are values typed,
/// expanded and checked, so a drop-in can change any single key. Every problem is collected.</remarks>
public static class ConfigLoader
{
    /// <summary>Loads and checks <paramref name="path"/> and its includes; <paramref name="environment"/> is the init's own.</summary>
    public static ConfigLoadResult Load(string path, IReadOnlyDictionary<string, string> environment)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var fullPath = Path.GetFullPath(path);
        var main = ConfigFile.Read(fullPath, null, diagnostics);
        if (main is null)
            return new ConfigLoadResult(null, diagnostics);

        var merger = new ConfigMerger(diagnostics);
        merger.Apply(main, isMain: true);
        var files = new List<string> { fullPath };
        foreach (var dropIn in DropIns(merger.Init, fullPath, diagnostics))
        {
            var file = ConfigFile.Read(dropIn.Path, dropIn.At, diagnostics);
            if (file is null)
                continue;
            merger.Apply(file, isMain: false);
            files.Add(dropIn.Path);
        }

        var (settings, variables) = InitResolver.Resolve(merger.Init, environment);
        var programs = new List<ProgramSpec>();
        foreach (var (name, section) in merger.Programs)
        {
            if (ProgramResolver.Resolve(name, section, variables) is { } spec)
                programs.Add(spec);
        }
        DependencyChecker.Check(merger.Programs, files, diagnostics);

        if (diagnostics.Count > 0)
        {
            // Read in file order, top to bottom, whatever stage found the problem.
            var sorted = diagnostics
                .OrderBy(d => FileRank(d.Location.File, files))
                .ThenBy(d => d.Location.Line)
                .ThenBy(d => d.Location.Column)
                .ToList();
            return new ConfigLoadResult(null, sorted);
        }
        // Start order: priority, then the order of declaration (OrderBy is stable).
        var ordered = programs.OrderBy(p => p.Priority).ToList();
        return new ConfigLoadResult(new InitConfig(settings, ordered, files), diagnostics);
    }

    private static int FileRank(string file, List<string> files)
    {
        var index = files.IndexOf(file);
        return index < 0 ? files.Count : index;
    }

    private static List<(string Path, SourceLocation At)> DropIns(ConfigSection? init, string mainPath, List<ConfigDiagnostic> diagnostics)
    {
        var baseDirectory = Path.GetDirectoryName(mainPath) ?? "/";
        var found = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (pattern, at) in InitResolver.Includes(init))
        {
            var matches = IncludeGlob.Expand(pattern, baseDirectory, out var error);
            if (matches is null)
            {
                diagnostics.Add(new ConfigDiagnostic(at, $"include pattern \"{pattern}\" {error}"));
                continue;
            }
            foreach (var match in matches)
            {
                var full = Path.GetFullPath(match);
                if (full != mainPath)
                    found.TryAdd(full, at);
            }
        }
        // Byte-wise order of the full path, as ls sorts in the C locale: 10-a before 9-b, Z before a.
        return found.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)).ToList();
    }
}
