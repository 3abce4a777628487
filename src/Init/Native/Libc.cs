// Overview: every libc call the init makes, one declaration each, with its return contract.
// errno is read with Marshal.GetLastPInvokeError() right after the call (SetLastError = true).
// Nothing here decides anything: callers interpret errno.
using System.Runtime.InteropServices;

namespace ContainerInit.Native;

internal static unsafe partial class Libc
{
    /// <summary>0 on success; -1 with errno (ESRCH: no such process or group).</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    internal static partial int getpid();

    /// <summary>The new session id; -1 with errno EPERM when already a group leader.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setsid();

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setpgid(int pid, int pgid);

    /// <summary>0 on success; -1 with errno (EINVAL: option unknown to this kernel).</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>0 on success (with info.si_pid 0 when WNOHANG found nothing); -1 with errno ECHILD when there are no children.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int waitid(int idType, int id, SigInfo* info, int options);

    /// <summary>The reaped pid, 0 while it runs (WNOHANG), -1 with errno (ECHILD: not our child).</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    /// <summary>0 on success; -1 with errno. The mask is a kernel sigset of 64 bits; glibc's sigset_t is larger, so pass 16 ulongs.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int sigprocmask(int how, ulong* set, ulong* oldSet);

    /// <summary>The previous handler; SIG_ERR (-1) with errno EINVAL for SIGKILL, SIGSTOP and numbers glibc reserves.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint signal(int signal, nint handler);

    /// <summary>The previous mask; cannot fail.</summary>
    [LibraryImport("libc")]
    internal static partial uint umask(uint mask);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chdir(string path);

    /// <summary>Does not return on success; -1 with errno (ENOENT, EACCES, ...) after trying every PATH entry.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int execvp(byte* file, byte** argv);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int initgroups(string user, uint group);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setgroups(nuint size, uint* groups);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setgid(uint gid);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setuid(uint uid);

    /// <summary>1 when fd is a terminal, else 0.</summary>
    [LibraryImport("libc")]
    internal static partial int isatty(int fd);

    /// <summary>0 on success; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int tcsetpgrp(int fd, int pgrp);

    /// <summary>The new fd; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int dup2(int oldFd, int newFd);

    /// <summary>The fd; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    /// <summary>0, or -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    /// <summary>The result of fcntl; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fcntl(int fd, int command, int argument);

    /// <summary>The bytes written; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint write(int fd, byte* buffer, nuint count);

    /// <summary>Raw syscall for calls glibc 2.34 may lack a wrapper for on older targets; -1 with errno.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint syscall(nint number, nint arg1, nint arg2, nint arg3);

    internal const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    internal static readonly nint SIG_DFL = 0, SIG_IGN = 1, SIG_ERR = -1;
    internal const int P_ALL = 0, P_PID = 1;
    internal const int WNOHANG = 1, WEXITED = 4, WNOWAIT = 0x01000000;
    internal const int PR_SET_CHILD_SUBREAPER = 36;
    internal const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000;
    internal const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
    internal const int SYS_close_range = 436; // x86-64 and arm64 share this number
    internal const uint CLOSE_RANGE_CLOEXEC = 4;
}

/// <summary>The head of the kernel's siginfo_t for SIGCHLD-type records (x86-64 and arm64 layout); the struct is 128 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct SigInfo
{
    [FieldOffset(0)] public int Signo;
    [FieldOffset(4)] public int Errno;
    [FieldOffset(8)] public int Code;
    [FieldOffset(16)] public int Pid;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(24)] public int Status;
}
