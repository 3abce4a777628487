using Tomlyn.Serialization;

namespace ContainerInit.Config;

/// <summary>A [program.NAME] table as written; values are object for the reasons given on <see cref="RawInit"/>.</summary>
internal sealed class RawProgram
{
    public static readonly string[] Keys =
    [
        "command", "priority", "autostart", "autorestart", "exitcodes", "startsecs", "startretries", "stopsignal",
        "stopwaitsecs", "stopasgroup", "killasgroup", "user", "directory", "umask", "environment", "stdout", "stderr",
        "stdout_maxbytes", "stdout_backups", "stderr_maxbytes", "stderr_backups", "ready", "ready_timeout", "after",
    ];

    [TomlPropertyName("command")] public object? Command { get; set; }
    [TomlPropertyName("priority")] public object? Priority { get; set; }
    [TomlPropertyName("autostart")] public object? AutoStart { get; set; }
    [TomlPropertyName("autorestart")] public object? AutoRestart { get; set; }
    [TomlPropertyName("exitcodes")] public object? ExitCodes { get; set; }
    [TomlPropertyName("startsecs")] public object? StartSecs { get; set; }
    [TomlPropertyName("startretries")] public object? StartRetries { get; set; }
    [TomlPropertyName("stopsignal")] public object? StopSignal { get; set; }
    [TomlPropertyName("stopwaitsecs")] public object? StopWaitSecs { get; set; }
    [TomlPropertyName("stopasgroup")] public object? StopAsGroup { get; set; }
    [TomlPropertyName("killasgroup")] public object? KillAsGroup { get; set; }
    [TomlPropertyName("user")] public object? User { get; set; }
    [TomlPropertyName("directory")] public object? Directory { get; set; }
    [TomlPropertyName("umask")] public object? Umask { get; set; }
    [TomlPropertyName("environment")] public object? Environment { get; set; }
    [TomlPropertyName("stdout")] public object? Stdout { get; set; }
    [TomlPropertyName("stderr")] public object? Stderr { get; set; }
    [TomlPropertyName("stdout_maxbytes")] public object? StdoutMaxBytes { get; set; }
    [TomlPropertyName("stdout_backups")] public object? StdoutBackups { get; set; }
    [TomlPropertyName("stderr_maxbytes")] public object? StderrMaxBytes { get; set; }
    [TomlPropertyName("stderr_backups")] public object? StderrBackups { get; set; }
    [TomlPropertyName("ready")] public object? Ready { get; set; }
    [TomlPropertyName("ready_timeout")] public object? ReadyTimeout { get; set; }
    [TomlPropertyName("after")] public object? After { get; set; }

    [TomlExtensionData]
    public Dictionary<string, object?>? Unknown { get; set; }

    /// <summary>The keys that were set, in <see cref="Keys"/> order.</summary>
    public IEnumerable<(string Key, object Value)> SetKeys()
    {
        object?[] values =
        [
            Command, Priority, AutoStart, AutoRestart, ExitCodes, StartSecs, StartRetries, StopSignal, StopWaitSecs,
            StopAsGroup, KillAsGroup, User, Directory, Umask, Environment, Stdout, Stderr, StdoutMaxBytes,
            StdoutBackups, StderrMaxBytes, StderrBackups, Ready, ReadyTimeout, After,
        ];
        for (var i = 0; i < Keys.Length; i++)
        {
            if (values[i] is { } v)
                yield return (Keys[i], v);
        }
    }
}
