using System.Runtime.InteropServices;

namespace ContainerInit.Tests.Infrastructure;

public static partial class Posix
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <summary>Sends a signal; false when the process is gone.</summary>
    public static bool Kill(int pid, int signal) => kill(pid, signal) == 0;

    public const int HUP = 1, INT = 2, QUIT = 3, KILL = 9, USR1 = 10, USR2 = 12, ALRM = 14, TERM = 15, CONT = 18, STOP = 19, WINCH = 28;
}
