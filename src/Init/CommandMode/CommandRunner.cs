using ContainerInit.Cli;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Processes;
using ContainerInit.Signals;

namespace ContainerInit.CommandMode;

/// <summary>Command mode, as tini: one main child, every signal passed on, orphans reaped, its status as ours.</summary>
/// <remarks>
/// Two ways to start the child. Without a terminal (the usual container), posix_spawn and a waitpid(-1) thread:
/// the fast path, with no helper process. With a terminal on stdin, the child must take the terminal's
/// foreground group before it execs, which posix_spawn cannot do before glibc 2.35: the spawn helper does it,
/// through Process, and the runtime reaps.
/// </remarks>
internal static class CommandRunner
{
    /// <summary>
    /// Whether this run spawns through Process (a terminal to hand over, or startup scripts to run first), which
    /// needs SIGCHLD registered when the inbox opens.
    /// </summary>
    internal static bool UsesProcess(CommandModeOptions options) => options.RunStartupScripts || Libc.isatty(0) == 1;

    internal static async Task<int> RunAsync(IReadOnlyList<string> argv, CommandModeOptions options, string configPath, SignalInbox signals)
    {
        OrphanReaper.BecomeSubreaperUnlessPidOne();
        if (options.WithPrograms)
        {
            InitLog.Logger.Error("--with-programs is not available in this version: run the programs in supervisor mode, or CMD alone");
            return ExitCodes.Usage;
        }
        if (options.RunStartupScripts)
        {
            var status = await StartupScriptsFirst.RunAsync(configPath, signals).ConfigureAwait(false);
            if (status is { } failed) return failed;
        }
        return UsesProcess(options)
            ? await RunThroughHelperAsync(argv, options, signals).ConfigureAwait(false)
            : await RunDirectAsync(argv, options, signals).ConfigureAwait(false);
    }

    private static async Task<int> RunDirectAsync(IReadOnlyList<string> argv, CommandModeOptions options, SignalInbox signals)
    {
        int pid;
        try
        {
            pid = DirectSpawner.Start(argv);
        }
        catch (SpawnFailedException failure)
        {
            InitLog.Logger.Error("{Reason}", failure.Message);
            return failure.ExitCode;
        }
        // The reaping thread posts SIGCHLD itself: nothing else tells the loop that children ended.
        var reaper = ReapingThread.Start(pid, () => signals.Post(SignalNumbers.CHLD));
        var status = await ForwardUntilExitAsync(reaper.MainExited, signals, signal => Forward(pid, signal, options)).ConfigureAwait(false);
        InitLog.Logger.Debug("main process {Pid} ended: {Status}", pid, status);
        await LeftoverTerminator.TerminateAsync(signals.Reader, options.Grace, reapOrphans: static () => { }).ConfigureAwait(false);
        return status.Code;
    }

    private static async Task<int> RunThroughHelperAsync(IReadOnlyList<string> argv, CommandModeOptions options, SignalInbox signals)
    {
        ChildProcess child;
        try
        {
            child = Spawner.Start(new SpawnRequest { Argv = argv, Group = ProcessGroupMode.NewGroup, TakeTerminal = true });
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            InitLog.Logger.Error("cannot start {Command}: {Reason}", argv[0], exception.Message);
            return 126;
        }
        var status = await ForwardUntilExitAsync(child.Exited, signals, signal =>
        {
            if (signal == SignalNumbers.CHLD) OrphanReaper.ReapOrphans();
            else Forward(child.Pid, signal, options);
        }).ConfigureAwait(false);
        InitLog.Logger.Debug("main process {Pid} ended: {Status}", child.Pid, status);
        await LeftoverTerminator.TerminateAsync(signals.Reader, options.Grace).ConfigureAwait(false);
        return status.Code;
    }

    /// <summary>Hands every signal to <paramref name="handle"/> until the main child has ended.</summary>
    /// <remarks>Signals that came before the child existed are still queued and reach it now, as with tini.</remarks>
    private static async Task<ExitStatus> ForwardUntilExitAsync(Task<ExitStatus> exited, SignalInbox signals, Action<int> handle)
    {
        while (!exited.IsCompleted)
        {
            await Task.WhenAny(exited, signals.Reader.WaitToReadAsync().AsTask()).ConfigureAwait(false);
            while (signals.Reader.TryRead(out var signal))
            {
                if (signal == SignalNumbers.CHLD && exited.IsCompleted) continue;
                handle(signal);
            }
        }
        return await exited.ConfigureAwait(false);
    }

    private static void Forward(int pid, int signal, CommandModeOptions options)
    {
        if (signal == SignalNumbers.CHLD) return;
        if (options.Rewrites.TryGetValue(signal, out var rewritten))
        {
            if (rewritten == 0) return;
            signal = rewritten;
        }
        // The child leads its own process group, so its pid is also the group's id.
        if (options.ToGroup) NativeSignals.SendToGroup(pid, signal);
        else NativeSignals.Send(pid, signal);
    }
}
