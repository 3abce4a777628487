namespace ContainerInit.Native;

/// <summary>The errno values the init distinguishes (Linux numbering).</summary>
internal static class Errno
{
    internal const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EACCES = 13, ENOTDIR = 20, EINVAL = 22, ECHILD = 10, ENOSYS = 38;

    /// <summary>The message strerror would give, for the few we print.</summary>
    internal static string Describe(int errno) => errno switch
    {
        EPERM => "operation not permitted",
        ENOENT => "no such file or directory",
        ESRCH => "no such process",
        EACCES => "permission denied",
        ENOTDIR => "not a directory",
        EINVAL => "invalid argument",
        _ => $"errno {errno}",
    };
}
