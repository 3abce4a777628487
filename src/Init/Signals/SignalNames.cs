namespace ContainerInit.Signals;

/// <summary>Linux signal names and numbers, the one table everything that names a signal uses.</summary>
public static class SignalNames
{
    // Linux numbering (x86-64 and arm64 agree); IO and POLL are the same signal.
    private static readonly (string Name, int Number)[] Table =
    [
        ("HUP", 1), ("INT", 2), ("QUIT", 3), ("ILL", 4), ("TRAP", 5), ("ABRT", 6), ("BUS", 7), ("FPE", 8),
        ("KILL", 9), ("USR1", 10), ("SEGV", 11), ("USR2", 12), ("PIPE", 13), ("ALRM", 14), ("TERM", 15),
        ("STKFLT", 16), ("CHLD", 17), ("CONT", 18), ("STOP", 19), ("TSTP", 20), ("TTIN", 21), ("TTOU", 22),
        ("URG", 23), ("XCPU", 24), ("XFSZ", 25), ("VTALRM", 26), ("PROF", 27), ("WINCH", 28), ("IO", 29),
        ("POLL", 29), ("PWR", 30), ("SYS", 31),
    ];

    /// <summary>The highest signal number accepted (SIGRTMAX on Linux).</summary>
    public const int MaxSignal = 64;

    /// <summary>All names without the SIG prefix, for messages.</summary>
    public static IEnumerable<string> Names => Table.Select(e => e.Name);

    /// <summary>Parses "QUIT", "SIGQUIT", "quit" or "3"; false for anything else.</summary>
    public static bool TryParse(string text, out int number)
    {
        var name = text.Trim();
        if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            return number is >= 1 and <= MaxSignal;
        if (name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase))
            name = name[3..];
        foreach (var (n, num) in Table)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                number = num;
                return true;
            }
        }
        number = 0;
        return false;
    }

    /// <summary>Whether a signal number is valid to send (1 to SIGRTMAX).</summary>
    public static bool IsValid(long number) => number is >= 1 and <= MaxSignal;

    /// <summary>"SIGQUIT" for 3; "SIG42" for a number without a name.</summary>
    public static string NameOf(int number)
    {
        foreach (var (n, num) in Table)
        {
            if (num == number)
                return "SIG" + n;
        }
        return "SIG" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
