using ContainerInit.Cli;
using ContainerInit.Logging;
using ContainerInit.Processes;
using ContainerInit.Signals;

namespace ContainerInit.CommandMode;

/// <summary>Command mode, as tini: one main child, every signal passed on, orphans reaped, its status as ours.</summary>
internal static class CommandRunner
{
    internal static async Task<int> RunAsync(IReadOnlyList<string> argv, CommandModeOptions options, SignalInbox signals)
    {
        OrphanReaper.BecomeSubreaperUnlessPidOne();

        ChildProcess child;
        try
        {
            child = Spawner.Start(new SpawnRequest
            {
                Argv = argv,
                Group = ProcessGroupMode.NewGroup,
                TakeTerminal = true,
            });
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            InitLog.Logger.Error("cannot start {Command}: {Reason}", argv[0], exception.Message);
            return 126;
        }

        // Signals that came before the child existed are still queued and reach it now, as with tini.
        while (!child.HasExited)
        {
            var readable = signals.Reader.WaitToReadAsync().AsTask();
            await Task.WhenAny(child.Exited, readable).ConfigureAwait(false);
            while (signals.Reader.TryRead(out var signal))
            {
                if (signal == SignalNumbers.CHLD)
                {
                    OrphanReaper.ReapOrphans();
                    continue;
                }
                Forward(child, signal, options);
            }
        }

        var status = await child.Exited.ConfigureAwait(false);
        InitLog.Logger.Debug("main process {Pid} ended: {Status}", child.Pid, status);
        await LeftoverTerminator.TerminateAsync(signals.Reader, options.Grace).ConfigureAwait(false);
        return status.Code;
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
