using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>Where orphans go: to the init as PID 1, or, when it is not PID 1, to the init as subreaper.</summary>
internal static class Subreaper
{
    internal static bool IsPidOne { get; } = Libc.getpid() == 1;

    /// <summary>Makes the init the reaper of its descendants' orphans when it is not PID 1.</summary>
    internal static void BecomeUnlessPidOne()
    {
        if (IsPidOne) return;
        // EINVAL only on kernels before 3.4; orphans then go to the real init, which reaps them.
        Libc.prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }
}
