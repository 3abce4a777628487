namespace ContainerInit.Config;

/// <summary>`container-init check`: validates a config without starting anything.</summary>
public static class CheckCommand
{
    /// <summary>Prints every problem on <paramref name="stderr"/> (exit 2), or a one-line summary on <paramref name="stdout"/> (exit 0).</summary>
    public static int Run(string path, IReadOnlyDictionary<string, string> environment, TextWriter stdout, TextWriter stderr)
    {
        var result = ConfigLoader.Load(path, environment);
        if (result.Config is not { } config)
        {
            foreach (var diagnostic in result.Diagnostics)
                stderr.WriteLine(diagnostic.ToString());
            return 2;
        }
        var count = config.Programs.Count;
        var names = count == 0 ? "" : $" ({string.Join(", ", config.Programs.Select(p => p.Name))})";
        var dropIns = config.Files.Count > 1 ? $", {config.Files.Count - 1} drop-in{(config.Files.Count == 2 ? "" : "s")}" : "";
        stdout.WriteLine($"{path}: ok, {count} program{(count == 1 ? "" : "s")}{names}{dropIns}");
        return 0;
    }
}
