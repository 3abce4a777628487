namespace ContainerInit.Processes;

/// <summary>Everything about how one child starts. Every feature that runs a process (command mode, startup scripts, programs, probes) describes it with this.</summary>
public sealed record SpawnRequest
{
    /// <summary>argv; element 0 is a path, or a name looked up in the child's PATH.</summary>
    public required IReadOnlyList<string> Argv { get; init; }
    /// <summary>The child's whole environment; null passes the init's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    /// <summary>null keeps the init's working directory.</summary>
    public string? WorkingDirectory { get; init; }
    /// <summary>Resolved user to run as; null keeps the init's.</summary>
    public UserIdentity? User { get; init; }
    /// <summary>null keeps the init's umask.</summary>
    public int? Umask { get; init; }
    public ProcessGroupMode Group { get; init; } = ProcessGroupMode.NewSession;
    /// <summary>Give the terminal on stdin (if any) to the child's group, as an interactive shell expects.</summary>
    public bool TakeTerminal { get; init; }
    public StdinMode Stdin { get; init; } = StdinMode.Inherit;
    public StdoutMode Stdout { get; init; } = StdoutMode.Inherit;
    public StderrMode Stderr { get; init; } = StderrMode.Inherit;
}

public enum ProcessGroupMode
{
    /// <summary>Stay in the init's process group.</summary>
    Inherit,
    /// <summary>A process group of its own (setpgid), keeping the session and its terminal.</summary>
    NewGroup,
    /// <summary>A session and process group of its own (setsid): no controlling terminal.</summary>
    NewSession,
}

public enum StdinMode { Inherit, Null }

public enum StdoutMode
{
    /// <summary>The child holds the init's own fd 1: no pipe, no copy.</summary>
    Inherit,
    /// <summary>A pipe the init reads from (<see cref="ChildProcess.StandardOutput"/>).</summary>
    Pipe,
}

public enum StderrMode
{
    Inherit,
    Pipe,
    /// <summary>fd 2 is a duplicate of the child's fd 1, whatever that is.</summary>
    MergeIntoStdout,
}

/// <summary>A user to switch to, resolved before the spawn.</summary>
/// <param name="Name">The passwd name, used for the supplementary groups; null when the uid has no passwd entry.</param>
public sealed record UserIdentity(uint Uid, uint Gid, string? Name, string? Home);
