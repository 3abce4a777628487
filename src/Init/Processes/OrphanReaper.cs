using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>Reaps orphans re-parented to the init when it is a subreaper rather than PID 1.</summary>
/// <remarks>
/// As PID 1 the runtime's own SIGCHLD handling reaps every child (pal_signal.c reaps all when getpid() == 1), and
/// reaping here would steal statuses from Process. Not as PID 1, the runtime reaps only its own children: the
/// rest are ours, and only those whose pid no Process owns (<see cref="ChildRegistry"/>).
/// </remarks>
internal static unsafe class OrphanReaper
{
    internal static bool IsPidOne { get; } = Libc.getpid() == 1;

    /// <summary>Makes the init the reaper of its descendants' orphans when it is not PID 1.</summary>
    internal static void BecomeSubreaperUnlessPidOne()
    {
        if (IsPidOne) return;
        // EINVAL only on kernels before 3.4; orphans then go to the real init, which reaps them.
        Libc.prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    /// <summary>Reaps every exited child that no Process owns; a no-op as PID 1. Call it on each SIGCHLD.</summary>
    internal static int ReapOrphans()
    {
        if (IsPidOne) return 0;
        var reaped = 0;
        lock (ChildRegistry.Gate)
        {
            foreach (var pid in ProcessTree.Children())
            {
                if (ChildRegistry.IsOwned(pid)) continue;
                int status;
                // 0: still running; -1 ECHILD: someone else reaped it between the listing and now.
                if (Libc.waitpid(pid, &status, Libc.WNOHANG) == pid) reaped++;
            }
        }
        return reaped;
    }
}
