namespace ContainerInit.Startup;

/// <summary>How the startup phase ended.</summary>
internal abstract record StartupOutcome
{
    internal sealed record Completed : StartupOutcome;
    /// <summary>A script failed or timed out; the init exits with this status.</summary>
    internal sealed record Failed(string Script, int ExitCode) : StartupOutcome;
    /// <summary>A stop signal came while a script ran.</summary>
    internal sealed record StopRequested : StartupOutcome;
}
