using System.Runtime.InteropServices;

namespace ContainerInit.Native;

/// <summary>Thin, errno-checked wrappers over the signal and process-group calls.</summary>
internal static unsafe class NativeSignals
{
    /// <summary>Sends a signal; false when the target is already gone (ESRCH), which callers treat as success.</summary>
    internal static bool Send(int pid, int signal)
    {
        if (Libc.kill(pid, signal) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        // ESRCH: the process or group has already exited; nothing to do.
        if (errno == Errno.ESRCH) return false;
        // EPERM: a process we may not signal (another uid); report it to the caller as not delivered.
        if (errno == Errno.EPERM) return false;
        throw new InvalidOperationException($"kill({pid}, {signal}) failed: {Errno.Describe(errno)}");
    }

    /// <summary>Sends a signal to a whole process group.</summary>
    internal static bool SendToGroup(int pgid, int signal) => Send(-pgid, signal);

    /// <summary>Unblocks every signal for the calling thread (execve keeps the calling thread's mask).</summary>
    internal static void ClearBlockedMask()
    {
        ulong* empty = stackalloc ulong[16];
        for (var i = 0; i < 16; i++) empty[i] = 0;
        Libc.sigprocmask(Libc.SIG_SETMASK, empty, null);
    }

    /// <summary>Unblocks, on the calling thread, every signal hold_signals.c blocked at start-up (1-31 and the real-time ones).</summary>
    internal static void UnblockHeldSignals()
    {
        ulong* all = stackalloc ulong[16];
        for (var i = 0; i < 16; i++) all[i] = 0;
        // Bits for 1-31 and 35-64; 32-34 belong to glibc and the runtime and were never blocked.
        all[0] = 0x7FFF_FFFFUL | 0xFFFF_FFFC_0000_0000UL;
        Libc.sigprocmask(Libc.SIG_UNBLOCK, all, null);
    }

    /// <summary>Sets every signal that can be set back to its default action (execve keeps ignored ones ignored).</summary>
    internal static void ResetAllDispositions()
    {
        for (var signal = 1; signal <= 64; signal++)
        {
            if (signal is 9 or 19) continue;
            // EINVAL for the numbers glibc reserves (32, 33) is expected and harmless.
            Libc.signal(signal, Libc.SIG_DFL);
        }
    }

    /// <summary>True when the signal's current disposition is SIG_IGN (checked by setting and restoring it).</summary>
    internal static bool IsIgnored(int signal)
    {
        var previous = Libc.signal(signal, Libc.SIG_DFL);
        if (previous == Libc.SIG_ERR) return false;
        Libc.signal(signal, previous);
        return previous == Libc.SIG_IGN;
    }
}
