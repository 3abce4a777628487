using ContainerInit.Cli;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Output;
using ContainerInit.Processes;
using ContainerInit.Signals;
using ContainerInit.Startup;
using Serilog.Events;

namespace ContainerInit.Supervision;

/// <summary>Supervisor mode from end to end: config, startup scripts, programs, stop.</summary>
internal static class SupervisorMode
{
    internal static async Task<int> RunAsync(string configPath, SignalInbox signals)
    {
        OrphanReaper.BecomeSubreaperUnlessPidOne();
        if (!File.Exists(configPath))
        {
            Console.Error.WriteLine($"container-init: {configPath}: no such config file, so there is nothing to supervise. " +
                "Pass --config PATH or set CONTAINER_INIT_CONFIG, or run one command with: container-init -- CMD");
            return ExitCodes.Usage;
        }

        var processEnvironment = ProcessEnvironment.Snapshot();
        var loaded = ConfigLoader.Load(configPath, processEnvironment);
        if (loaded.Config is not { } config)
        {
            foreach (var diagnostic in loaded.Diagnostics) Console.Error.WriteLine(diagnostic.ToString());
            Console.Error.WriteLine($"container-init: {loaded.Diagnostics.Count} error(s) in the config; nothing was started");
            return ExitCodes.Usage;
        }

        InitLog.Configure(config.Init.LogFormat, config.Init.LogLevel, LogEventLevel.Information);
        InitLog.Logger.Information("container-init {Version}: {Programs} programs from {Files} config files", Usage.Version, config.Programs.Count, config.Files.Count);
        var environment = new Dictionary<string, string>(processEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in config.Init.Environment) environment[name] = value;

        var startup = await StartupRunner.RunAsync(config.Init.StartupDir, config.Init.StartupTimeout, config.Init.ShutdownTimeout, environment, signals);
        switch (startup)
        {
            case StartupOutcome.Failed failed:
                await LeftoverTerminator.TerminateAsync(signals.Reader, TimeSpan.FromSeconds(2));
                return failed.ExitCode;
            case StartupOutcome.StopRequested:
                await LeftoverTerminator.TerminateAsync(signals.Reader, TimeSpan.FromSeconds(2));
                return ExitCodes.Success;
        }

        await using var sink = new OutputSink(Console.OpenStandardOutput(), Console.OpenStandardError());
        var supervisor = new Supervisor(config, environment, sink, signals);
        return await supervisor.RunAsync();
    }
}
