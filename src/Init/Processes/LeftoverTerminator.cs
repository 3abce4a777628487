using System.Threading.Channels;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Signals;

namespace ContainerInit.Processes;

/// <summary>Ends whatever is still running below the init once its main work is over: SIGTERM, then SIGKILL after a grace period.</summary>
/// <remarks>
/// Event-driven, not polled: the last live descendant to die is always a direct child of the init (its parent
/// either still lives, or died and re-parented it to us), so every moment the set may have become empty comes
/// with a SIGCHLD. A second SIGTERM or SIGINT skips the rest of the grace period.
/// </remarks>
internal static class LeftoverTerminator
{
    /// <summary>How long the init waits for the kernel to finish off processes after SIGKILL.</summary>
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(2);

    /// <remarks><paramref name="signals"/> must carry SIGCHLD for every reaped child (<see cref="ChildReaper.OnChildEnded"/>).</remarks>
    internal static async Task TerminateAsync(ChannelReader<int> signals, TimeSpan grace)
    {
        if (!ChildReaper.HasChildren()) return;
        var self = Libc.getpid();
        var leftovers = ProcessTree.LiveDescendants(self);
        if (leftovers.Count == 0) return;

        InitLog.Logger.Information("sending SIGTERM to {Count} leftover processes, SIGKILL in {Grace:0.#} s", leftovers.Count, grace.TotalSeconds);
        var signalled = new HashSet<int>();
        SignalAll(leftovers, SignalNumbers.TERM, signalled);
        if (await WaitUntilGoneAsync(signals, self, grace, signalled, SignalNumbers.TERM)) return;

        leftovers = ProcessTree.LiveDescendants(self);
        InitLog.Logger.Warning("sending SIGKILL to {Count} leftover processes that outlived the grace period", leftovers.Count);
        signalled.Clear();
        SignalAll(leftovers, SignalNumbers.KILL, signalled);
        if (!await WaitUntilGoneAsync(signals, self, AfterKill, signalled, SignalNumbers.KILL))
            InitLog.Logger.Error("{Count} processes survived SIGKILL (uninterruptible sleep?)", ProcessTree.LiveDescendants(self).Count);
    }

    /// <summary>True when nothing is left; false when the time ran out or the user asked to hurry.</summary>
    private static async Task<bool> WaitUntilGoneAsync(ChannelReader<int> signals, int self, TimeSpan limit, HashSet<int> signalled, int signal)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var alive = ProcessTree.LiveDescendants(self);
            if (alive.Count == 0) return true;
            // A process forked after the last sweep has not had the signal yet.
            SignalAll(alive, signal, signalled);
            try
            {
                await signals.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ProcessTree.LiveDescendants(self).Count == 0;
            }
            while (signals.TryRead(out var received))
            {
                if (received is SignalNumbers.TERM or SignalNumbers.INT && signal != SignalNumbers.KILL)
                {
                    InitLog.Logger.Warning("second stop request: not waiting any longer");
                    return false;
                }
            }
        }
    }

    private static void SignalAll(List<int> pids, int signal, HashSet<int> signalled)
    {
        foreach (var pid in pids)
            if (signalled.Add(pid)) NativeSignals.Send(pid, signal);
    }
}
