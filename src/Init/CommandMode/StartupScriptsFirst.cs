using ContainerInit.Cli;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Processes;
using ContainerInit.Signals;
using ContainerInit.Startup;

namespace ContainerInit.CommandMode;

/// <summary>`--startup`: the startup scripts, as supervisor mode runs them, before the command.</summary>
internal static class StartupScriptsFirst
{
    /// <summary>null when the command may run; else the init's exit status.</summary>
    internal static async Task<int?> RunAsync(string configPath, SignalInbox signals)
    {
        var processEnvironment = ProcessEnvironment.Snapshot();
        var settings = new InitSettings();
        // The config is optional here: without one, the default startup folder and limits apply.
        if (File.Exists(configPath))
        {
            var loaded = ConfigLoader.Load(configPath, processEnvironment);
            if (loaded.Config is not { } config)
            {
                foreach (var diagnostic in loaded.Diagnostics) StandardStreams.WriteErrorLine(diagnostic.ToString());
                return ExitCodes.Usage;
            }
            settings = config.Init;
        }
        var environment = new Dictionary<string, string>(processEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in settings.Environment) environment[name] = value;

        var outcome = await StartupRunner.RunAsync(settings.StartupDir, settings.StartupTimeout, settings.ShutdownTimeout, environment, signals).ConfigureAwait(false);
        switch (outcome)
        {
            case StartupOutcome.Failed failed:
                await LeftoverTerminator.TerminateAsync(signals.Reader, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                return failed.ExitCode;
            case StartupOutcome.StopRequested:
                await LeftoverTerminator.TerminateAsync(signals.Reader, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                return ExitCodes.Success;
            default:
                return null;
        }
    }
}
