using ContainerInit.Cli;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Processes;
using ContainerInit.Signals;
using ContainerInit.Supervision;

namespace ContainerInit.CommandMode;

/// <summary>Command mode, as tini: one main child, every signal passed on, orphans reaped, its status as ours.</summary>
internal static class CommandRunner
{
    internal static async Task<int> RunAsync(IReadOnlyList<string> argv, CommandModeOptions options, string configPath, SignalInbox signals)
    {
        if (options.RunStartupScripts)
        {
            var status = await StartupScriptsFirst.RunAsync(configPath, signals).ConfigureAwait(false);
            if (status is { } failed) return failed;
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
                if (signal != SignalNumbers.CHLD) Forward(child, signal, options);
        }
        var exit = child.Exited.Result;
        InitLog.Logger.Debug("main process {Pid} ended: {Status}", child.Pid, exit);
        await LeftoverTerminator.TerminateAsync(signals.Reader, options.Grace).ConfigureAwait(false);
        return exit.Code;
    }

    private static void Forward(ChildProcess child, int signal, CommandModeOptions options)
    {
        if (options.Rewrites.TryGetValue(signal, out var rewritten))
        {
            if (rewritten == 0) return;
            signal = rewritten;
        }
        child.Signal(signal, options.ToGroup);
    }
}
