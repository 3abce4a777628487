using System.Runtime.InteropServices;

namespace ContainerInit.Native;

/// <summary>posix_spawn and its attribute calls (glibc: vfork-style clone, exec errors reported back).</summary>
internal static unsafe partial class Spawn
{
    /// <summary>glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on 64-bit; room to spare.</summary>
    internal const int AttributesSize = 512, FileActionsSize = 256, SigSetSize = 128;

    internal const short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;

    /// <summary>0 on success, else an errno value (not -1: these return the error).</summary>
    [LibraryImport("libc")] internal static partial int posix_spawnattr_init(void* attributes);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_destroy(void* attributes);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setflags(void* attributes, short flags);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setpgroup(void* attributes, int pgroup);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setsigdefault(void* attributes, void* signals);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setsigmask(void* attributes, void* signals);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_init(void* actions);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_destroy(void* actions);

    /// <summary>glibc 2.34: close every fd from <paramref name="from"/> up in the child.</summary>
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);

    /// <summary>dup2(fd, newFd) in the child; a dup2 onto itself clears close-on-exec.</summary>
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int flags, int mode);

    /// <summary>glibc 2.29: chdir in the child; a failure fails the spawn with its errno.</summary>
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int posix_spawn_file_actions_addchdir_np(void* actions, string path);

    /// <summary>0 with the pid set, else the errno of the failure (ENOENT, EACCES ... from the exec itself).</summary>
    [LibraryImport("libc")]
    internal static partial int posix_spawnp(int* pid, byte* file, void* actions, void* attributes, byte** argv, byte** envp);

    /// <summary>As <see cref="posix_spawnp"/>, without the PATH search.</summary>
    [LibraryImport("libc")]
    internal static partial int posix_spawn(int* pid, byte* path, void* actions, void* attributes, byte** argv, byte** envp);

    /// <summary>0, or -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)] internal static partial int pipe2(int* fds, int flags);

    /// <summary>0, or -1 with errno.</summary>
    [LibraryImport("libc")] internal static partial int sigemptyset(void* set);
    [LibraryImport("libc")] internal static partial int sigfillset(void* set);
    [LibraryImport("libc")] internal static partial int sigdelset(void* set, int signal);
}
