using ContainerInit.Cli;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Processes;
using ContainerInit.Signals;
using ContainerInit.Startup;
using ContainerInit.Supervision;
using Serilog.Events;

namespace ContainerInit.CommandMode;

/// <summary>Command mode, as tini: one main child, every signal passed on, orphans reaped, its status as ours.</summary>
internal static class CommandRunner
{
    internal static async Task<int> RunAsync(IReadOnlyList<string> argv, CommandModeOptions options, string configPath, SignalInbox signals)
    {
        if (options.RunStartupScripts)
        {
            // The config is optional here: without one, the default startup folder and limits apply.
            if (SupervisorMode.Load(configPath, LogEventLevel.Warning, required: false) is not var (config, environment)) return ExitCodes.Usage;
            if (await StartupRunner.RunPhaseAsync(config.Init, environment, signals).ConfigureAwait(false) is { } stopped) return stopped;
        }
        if (options.WithPrograms) return await SupervisorMode.RunBesideAsync(configPath, new MainCommand(argv, options), signals).ConfigureAwait(false);

        ChildProcess child;
        try
        {
            // With a terminal on stdin, the child takes the foreground group (interactive docker run -it).
            child = Spawner.Start(new SpawnRequest { Argv = argv, Group = ProcessGroupMode.NewGroup, TakeTerminal = Libc.isatty(0) == 1 });
        }
        catch (SpawnFailedException failure)
        {
            InitLog.Logger.Error("{Reason}", failure.Message);
            return failure.ExitCode;
        }

        // Signals that came before the child existed are still queued and reach it now, as with tini. The reaper
        // posts SIGCHLD after the child's status is in, so the loop always wakes to see it.
        while (!child.HasExited)
        {
            signals.WaitForSignal();
            while (signals.Reader.TryRead(out var signal))
                if (signal != SignalNumbers.CHLD) SignalForwarding.Forward(child, signal, options);
        }
        var exit = child.Exited.Result;
        InitLog.Logger.Debug("main process {Pid} ended: {Status}", child.Pid, exit);
        await LeftoverTerminator.TerminateAsync(signals.Reader, options.Grace).ConfigureAwait(false);
        return exit.Code;
    }
}
