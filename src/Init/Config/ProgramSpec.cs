namespace ContainerInit.Config;

/// <summary>A program to supervise, fully resolved: defaults applied, variables expanded, names checked.</summary>
public sealed record ProgramSpec
{
    public required string Name { get; init; }
    /// <summary>argv; element 0 is the executable (a path, or a name looked up in PATH).</summary>
    public required IReadOnlyList<string> Command { get; init; }
    public int Priority { get; init; } = 999;
    public bool AutoStart { get; init; } = true;
    public AutoRestart AutoRestart { get; init; } = AutoRestart.Unexpected;
    public IReadOnlySet<int> ExitCodes { get; init; } = new HashSet<int> { 0 };
    public TimeSpan StartSecs { get; init; } = TimeSpan.FromSeconds(1);
    public int StartRetries { get; init; } = 3;
    /// <summary>Signal number (Linux numbering).</summary>
    public int StopSignal { get; init; } = 15;
    public TimeSpan StopWaitSecs { get; init; } = TimeSpan.FromSeconds(10);
    public bool StopAsGroup { get; init; } = true;
    public bool KillAsGroup { get; init; } = true;
    /// <summary>A user name or "uid[:gid]"; null keeps the init's user.</summary>
    public string? User { get; init; }
    public string? Directory { get; init; }
    /// <summary>The umask (already parsed from octal); null keeps the init's.</summary>
    public int? Umask { get; init; }
    /// <summary>Extra variables for this program, already expanded; layered over the init's environment and [init].environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public OutputTarget Stdout { get; init; } = OutputTarget.Inherit;
    public OutputTarget Stderr { get; init; } = OutputTarget.Inherit;
    public long StdoutMaxBytes { get; init; } = 50L * 1024 * 1024;
    public int StdoutBackups { get; init; } = 10;
    public long StderrMaxBytes { get; init; } = 50L * 1024 * 1024;
    public int StderrBackups { get; init; } = 10;
    public ReadinessSpec? Ready { get; init; }
    /// <summary>How long the program may take to become ready before it counts as a failed start.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public IReadOnlyList<string> After { get; init; } = [];
    /// <summary>Where the program's table starts, for messages about it at run time.</summary>
    public SourceLocation Location { get; init; }
}

public enum AutoRestart { False, True, Unexpected }

public enum OnFatal { Shutdown, Continue }

/// <summary>Where a program's stdout or stderr goes.</summary>
public abstract record OutputTarget
{
    /// <summary>The child writes to the init's own fd: no pipe, no copy.</summary>
    public static readonly OutputTarget Inherit = new InheritTarget();
    /// <summary>Lines tagged "NAME | " on the init's matching stream.</summary>
    public static readonly OutputTarget Prefix = new PrefixTarget();
    /// <summary>stderr only: merged into the program's stdout (supervisord's redirect_stderr).</summary>
    public static readonly OutputTarget MergeIntoStdout = new MergeIntoStdoutTarget();

    public sealed record InheritTarget : OutputTarget;
    public sealed record PrefixTarget : OutputTarget;
    public sealed record MergeIntoStdoutTarget : OutputTarget;
    public sealed record FileTarget(string Path) : OutputTarget;
}

/// <summary>How to tell that a program is ready to serve.</summary>
public abstract record ReadinessSpec
{
    public sealed record UnixSocket(string Path) : ReadinessSpec;
    public sealed record Tcp(string Host, int Port) : ReadinessSpec;
    public sealed record Http(Uri Url) : ReadinessSpec;
    public sealed record FileExists(string Path) : ReadinessSpec;
    public sealed record Exec(IReadOnlyList<string> Command) : ReadinessSpec;
}

/// <summary>A place in a config file.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
