namespace ContainerInit.Config;

/// <summary>Turns the merged [init] table into <see cref="InitSettings"/>, reporting bad values.</summary>
internal static class InitResolver
{
    /// <summary>The settings, and the variables that ${VAR} sees in programs: the process environment plus [init].environment.</summary>
    public static (InitSettings Settings, IReadOnlyDictionary<string, string> Variables) Resolve(
        ConfigSection? init, IReadOnlyDictionary<string, string> processEnvironment)
    {
        var settings = new InitSettings();
        var variables = new Dictionary<string, string>(processEnvironment, StringComparer.Ordinal);
        if (init is null)
            return (settings, variables);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in init.Environment)
        {
            // [init].environment sees only the process environment, so its order does not matter.
            var value = ProgramResolver.ExpandValue(init, entry, processEnvironment);
            if (value is not null)
                environment[name] = value;
        }
        foreach (var (name, value) in environment)
            variables[name] = value;

        settings = settings with { Environment = environment };
        if (init.String("startup_dir", "\"/usr/libexec/php-container/startup.d\"") is { } dir)
            settings = settings with { StartupDir = dir };
        if (init.Seconds("startup_timeout", allowZero: true, "300") is { } startup)
            settings = settings with { StartupTimeout = startup == TimeSpan.Zero ? null : startup };
        if (init.Seconds("shutdown_timeout", allowZero: false, "9") is { } shutdown)
            settings = settings with { ShutdownTimeout = shutdown };
        if (Choice(init, "on_fatal", ["shutdown", "continue"]) is { } onFatal)
            settings = settings with { OnFatal = onFatal == "continue" ? OnFatal.Continue : OnFatal.Shutdown };
        if (Choice(init, "log_format", ["text", "json"]) is { } format)
            settings = settings with { LogFormat = format };
        if (Choice(init, "log_level", ["debug", "info", "warning", "error"]) is { } level)
            settings = settings with { LogLevel = level };
        return (settings, variables);
    }

    /// <summary>The include patterns, each with where it is written.</summary>
    public static List<(string Value, SourceLocation At)> Includes(ConfigSection? init) =>
        init?.StringList("include", "[\"/etc/container-init/conf.d/*.toml\"]") ?? [];

    private static string? Choice(ConfigSection section, string key, string[] choices)
    {
        var example = $"\"{choices[0]}\"";
        var value = section.String(key, example);
        if (value is null)
            return null;
        var match = choices.FirstOrDefault(c => c.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            section.Error(section.Entries[key].ValueLocation,
                $"'{key}' in {section.Label} must be one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}, not \"{value}\"");
        }
        return match;
    }
}
