using Tomlyn.Serialization;

namespace ContainerInit.Config;

/// <summary>The [init] table as written.</summary>
/// <remarks>Values are typed object because several keys accept more than one TOML type (a size is
/// 52428800 or "50MB"), and because a wrong type must become one of our located, fixable messages
/// among all the others instead of a serializer exception that stops at the first.</remarks>
internal sealed class RawInit
{
    public static readonly string[] Keys =
        ["startup_dir", "startup_timeout", "on_fatal", "log_format", "log_level", "environment", "include", "shutdown_timeout"];

    [TomlPropertyName("startup_dir")] public object? StartupDir { get; set; }
    [TomlPropertyName("startup_timeout")] public object? StartupTimeout { get; set; }
    [TomlPropertyName("on_fatal")] public object? OnFatal { get; set; }
    [TomlPropertyName("log_format")] public object? LogFormat { get; set; }
    [TomlPropertyName("log_level")] public object? LogLevel { get; set; }
    [TomlPropertyName("environment")] public object? Environment { get; set; }
    [TomlPropertyName("include")] public object? Include { get; set; }
    [TomlPropertyName("shutdown_timeout")] public object? ShutdownTimeout { get; set; }

    [TomlExtensionData]
    public Dictionary<string, object?>? Unknown { get; set; }

    /// <summary>The keys that were set, in <see cref="Keys"/> order.</summary>
    public IEnumerable<(string Key, object Value)> SetKeys()
    {
        object?[] values = [StartupDir, StartupTimeout, OnFatal, LogFormat, LogLevel, Environment, Include, ShutdownTimeout];
        for (var i = 0; i < Keys.Length; i++)
        {
            if (values[i] is { } v)
                yield return (Keys[i], v);
        }
    }
}
