namespace ContainerInit.Signals;

/// <summary>The Linux signal numbers the init treats specially, and the set it forwards.</summary>
internal static class SignalNumbers
{
    internal const int HUP = 1, INT = 2, QUIT = 3, KILL = 9, USR1 = 10, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15,
        CHLD = 17, CONT = 18, STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, WINCH = 28;

    /// <summary>
    /// Signals passed on to the child: every catchable one except those that only make sense for the process that
    /// caused them (ILL, TRAP, ABRT, BUS, FPE, SEGV, SYS), the terminal job-control pair TTIN/TTOU (as tini), CHLD
    /// (about the init's own children), and PIPE (raised in the init by its own writes to a closed pipe, so
    /// forwarding it would kill a healthy child). 32-34 belong to glibc and the runtime.
    /// </summary>
    internal static IReadOnlyList<int> Forwardable { get; } =
        [.. Enumerable.Range(1, 31).Where(s => s is not (4 or 5 or 6 or 7 or 8 or 9 or 11 or 13 or 17 or 19 or 21 or 22 or 31)),
         .. Enumerable.Range(35, 30)];
}
