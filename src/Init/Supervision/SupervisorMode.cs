using ContainerInit.Cli;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Output;
using ContainerInit.Signals;
using ContainerInit.Startup;
using Serilog.Events;

namespace ContainerInit.Supervision;

/// <summary>Supervisor mode from end to end: config, startup scripts, programs, stop.</summary>
internal static class SupervisorMode
{
    internal static async Task<int> RunAsync(string configPath, SignalInbox signals)
    {
        if (Load(configPath, LogEventLevel.Information) is not var (config, environment)) return ExitCodes.Usage;
        if (await StartupRunner.RunPhaseAsync(config.Init, environment, signals) is { } stopped) return stopped;

        await using var sink = new OutputSink(StandardStreams.Output(), StandardStreams.Error());
        return await new Supervisor(config, environment, sink, signals).RunAsync();
    }

    /// <summary>--with-programs: the configured programs, then CMD once they are ready; CMD's end ends them.</summary>
    internal static async Task<int> RunBesideAsync(string configPath, MainCommand command, SignalInbox signals)
    {
        // Command mode stays quiet unless asked otherwise: warnings and errors only.
        if (Load(configPath, LogEventLevel.Warning) is not var (config, environment)) return ExitCodes.Usage;
        await using var sink = new OutputSink(StandardStreams.Output(), StandardStreams.Error());
        return await new Supervisor(config, environment, sink, signals, command).RunAsync();
    }

    /// <summary>The config and the base environment of programs and scripts; null (with every error printed) when invalid.</summary>
    /// <param name="required">false: a missing file means the defaults (command mode's --startup).</param>
    internal static (InitConfig Config, Dictionary<string, string> Environment)? Load(string configPath, LogEventLevel defaultLevel, bool required = true)
    {
        if (!required && !File.Exists(configPath)) return (new InitConfig(new InitSettings(), [], []), ProcessEnvironment.Snapshot());
        if (!File.Exists(configPath))
        {
            StandardStreams.WriteErrorLine($"container-init: {configPath}: no such config file, so there is nothing to supervise. " +
                "Pass --config PATH or set CONTAINER_INIT_CONFIG, or run one command with: container-init -- CMD");
            return null;
        }

        var processEnvironment = ProcessEnvironment.Snapshot();
        var loaded = ConfigLoader.Load(configPath, processEnvironment);
        if (loaded.Config is not { } config)
        {
            foreach (var diagnostic in loaded.Diagnostics) StandardStreams.WriteErrorLine(diagnostic.ToString());
            StandardStreams.WriteErrorLine($"container-init: {loaded.Diagnostics.Count} error(s) in the config; nothing was started");
            return null;
        }

        // In command mode the config's log_level does not apply: it stays quiet unless CONTAINER_INIT_LOG_LEVEL says otherwise.
        InitLog.Configure(config.Init.LogFormat, defaultLevel == LogEventLevel.Information ? config.Init.LogLevel : null, defaultLevel);
        InitLog.Logger.Information("container-init {Version}: {Programs} programs from {Files} config files", Usage.Version, config.Programs.Count, config.Files.Count);
        var environment = new Dictionary<string, string>(processEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in config.Init.Environment) environment[name] = value;
        return (config, environment);
    }
}
