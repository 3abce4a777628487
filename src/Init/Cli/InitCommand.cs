namespace ContainerInit.Cli;

/// <summary>What the command line asked for.</summary>
internal abstract record InitCommand
{
    /// <summary>Supervise the configured programs.</summary>
    internal sealed record Supervise(string ConfigPath) : InitCommand;

    /// <summary>Run one command as the main process (tini semantics).</summary>
    internal sealed record RunCommand(IReadOnlyList<string> Argv, CommandModeOptions Options, string ConfigPath) : InitCommand;

    /// <summary>Validate the config and exit.</summary>
    internal sealed record Check(string ConfigPath) : InitCommand;

    /// <summary>A verb that talks to a running init over the control socket.</summary>
    internal sealed record Control(string Verb, IReadOnlyList<string> Arguments) : InitCommand;

    internal sealed record ShowHelp : InitCommand;
    internal sealed record ShowVersion : InitCommand;

    /// <summary>The command line was wrong; exit 2 with this message.</summary>
    internal sealed record UsageError(string Message) : InitCommand;
}

/// <summary>Command-mode options.</summary>
internal sealed record CommandModeOptions
{
    /// <summary>Forward signals to the child's process group rather than the child alone.</summary>
    public bool ToGroup { get; init; }
    /// <summary>Signal number → replacement; 0 drops the signal.</summary>
    public IReadOnlyDictionary<int, int> Rewrites { get; init; } = new Dictionary<int, int>();
    /// <summary>How long leftovers get after SIGTERM before SIGKILL.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Run the startup scripts before the command.</summary>
    public bool RunStartupScripts { get; init; }
    /// <summary>Run the configured programs beside the command.</summary>
    public bool WithPrograms { get; init; }
}
