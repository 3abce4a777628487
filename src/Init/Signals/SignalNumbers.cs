using System.Globalization;

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

    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>Reads "TERM", "SIGTERM", "term" or "15"; "0" reads as 0 (no signal).</summary>
    internal static bool TryParse(string text, out int signal)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out signal)) return signal is >= 0 and <= 64;
        var name = text.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        if (name == "POLL") name = "IO";
        if (name == "IOT") name = "ABRT";
        signal = Array.IndexOf(Names, name);
        if (signal > 0) return true;
        signal = 0;
        return false;
    }

    /// <summary>"TERM" for 15; "RTMIN+3" style for real-time signals.</summary>
    internal static string NameOf(int signal) => signal switch
    {
        > 0 and < 32 => Names[signal],
        >= 34 and <= 64 => $"RTMIN+{signal - 34}",
        _ => signal.ToString(CultureInfo.InvariantCulture),
    };
}
