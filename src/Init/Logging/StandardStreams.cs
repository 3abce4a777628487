using Microsoft.Win32.SafeHandles;

namespace ContainerInit.Logging;

/// <summary>The init's own fds 1 and 2 as streams, without System.Console.</summary>
/// <remarks>
/// Writing through System.Console initialises the terminal when stdin is one, and that installs the runtime's
/// SIGCHLD handler, which as PID 1 reaps every child and steals their statuses from ChildReaper (dotnet-pid1.md).
/// </remarks>
internal static class StandardStreams
{
    internal static Stream Output() => Open(1);

    internal static Stream Error() => Open(2);

    /// <summary>One line on stderr, in one write, for messages that come before or instead of the log.</summary>
    internal static void WriteErrorLine(string line)
    {
        using var stream = Error();
        try { stream.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n")); }
        catch (IOException) { }
    }

    private static FileStream Open(int fd) => new(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
