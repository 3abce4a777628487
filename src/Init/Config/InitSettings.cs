namespace ContainerInit.Config;

/// <summary>The [init] table, resolved.</summary>
public sealed record InitSettings
{
    public string StartupDir { get; init; } = "/usr/libexec/php-container/startup.d";
    /// <summary>Limit for one startup script; null means none.</summary>
    public TimeSpan? StartupTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public OnFatal OnFatal { get; init; } = OnFatal.Shutdown;
    /// <summary>"text" or "json".</summary>
    public string LogFormat { get; init; } = "text";
    /// <summary>"debug", "info", "warning" or "error".</summary>
    public string LogLevel { get; init; } = "info";
    /// <summary>Added to every program and startup script, already expanded.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>The whole stop (every program, then leftovers) must end within this; then everything gets SIGKILL.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(9);
}

/// <summary>A loaded, valid configuration.</summary>
public sealed record InitConfig(InitSettings Init, IReadOnlyList<ProgramSpec> Programs, IReadOnlyList<string> Files);

/// <summary>One problem found in a config file, in the format editors and compilers use.</summary>
public sealed record ConfigDiagnostic(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: error: {Message}";
}
