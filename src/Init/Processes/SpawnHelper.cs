// Overview: the child side of every spawn. Runs as `container-init __spawn [OPTIONS] -- ARGV...`, started by
// Process, and turns itself into the real program with execvp. It does what Process cannot: a new session or
// process group, the terminal's foreground group, user and groups, umask, cwd, stdin from /dev/null, stderr
// merged into stdout, every signal back to SIG_DFL (the runtime leaves SIGPIPE ignored), an empty signal mask,
// and no fd above 2 surviving the exec. It must stay cheap: no Console, no logging, no allocation it can avoid.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ContainerInit.Native;

namespace ContainerInit.Processes;

internal static unsafe class SpawnHelper
{
    private const int NotFound = 127, CannotRun = 126;

    /// <summary>Never returns when the exec succeeds; otherwise the shell's status for the failure.</summary>
    internal static int Run(ReadOnlySpan<string> args)
    {
        var index = 0;
        string? directory = null, userName = null;
        uint? uid = null, gid = null;
        int? umask = null;
        bool session = false, group = false, terminal = false, stdinNull = false, mergeStderr = false;
        for (; index < args.Length && args[index] != "--"; index++)
        {
            switch (args[index])
            {
                case "--session": session = true; break;
                case "--group": group = true; break;
                case "--terminal": terminal = true; break;
                case "--stdin-null": stdinNull = true; break;
                case "--stderr-to-stdout": mergeStderr = true; break;
                case "--umask": umask = int.Parse(args[++index], CultureInfo.InvariantCulture); break;
                case "--cwd": directory = args[++index]; break;
                case "--uid": uid = uint.Parse(args[++index], CultureInfo.InvariantCulture); break;
                case "--gid": gid = uint.Parse(args[++index], CultureInfo.InvariantCulture); break;
                case "--user": userName = args[++index]; break;
                default: return Fail(CannotRun, $"internal error: unknown spawn option {args[index]}");
            }
        }
        var argv = args[(index + 1)..];
        if (argv.IsEmpty) return Fail(CannotRun, "internal error: nothing to run");

        if (session && Libc.setsid() < 0) return FailErrno(CannotRun, "setsid");
        if (group && Libc.setpgid(0, 0) < 0) return FailErrno(CannotRun, "setpgid");
        if (terminal && Libc.isatty(0) == 1)
        {
            // A background group calling tcsetpgrp gets SIGTTOU unless it is ignored; dispositions are reset below.
            Libc.signal(22, Libc.SIG_IGN);
            Libc.tcsetpgrp(0, Libc.getpid());
        }
        if (uid is { } targetUid)
        {
            var targetGid = gid ?? targetUid;
            var groupsSet = userName is not null
                ? Libc.initgroups(userName, targetGid) == 0
                : Libc.setgroups(1, &targetGid) == 0;
            if (!groupsSet) return FailErrno(CannotRun, "cannot set supplementary groups");
            if (Libc.setgid(targetGid) < 0) return FailErrno(CannotRun, $"cannot switch to gid {targetGid}");
            if (Libc.setuid(targetUid) < 0) return FailErrno(CannotRun, $"cannot switch to uid {targetUid}");
        }
        if (umask is { } mask) Libc.umask((uint)mask);
        if (directory is not null && Libc.chdir(directory) < 0) return FailErrno(CannotRun, $"cannot change directory to {directory}");
        if (stdinNull)
        {
            var devNull = Libc.open("/dev/null", Libc.O_RDONLY, 0);
            if (devNull < 0 || Libc.dup2(devNull, 0) < 0) return FailErrno(CannotRun, "cannot open /dev/null");
        }
        if (mergeStderr && Libc.dup2(1, 2) < 0) return FailErrno(CannotRun, "cannot merge stderr into stdout");

        NativeSignals.ResetAllDispositions();
        NativeSignals.ClearBlockedMask();
        MarkInheritedDescriptorsCloseOnExec();

        Exec(argv);
        var errno = Marshal.GetLastPInvokeError();
        var status = errno is Errno.ENOENT or Errno.ENOTDIR ? NotFound : CannotRun;
        var reason = status == NotFound ? "not found" : Errno.Describe(errno);
        return Fail(status, $"{argv[0]}: {reason}");
    }

    private static void Exec(ReadOnlySpan<string> argv)
    {
        // The memory is never freed: on success the image is replaced, on failure the helper exits.
        var pointers = (byte**)NativeMemory.Alloc((nuint)(argv.Length + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < argv.Length; i++) pointers[i] = (byte*)Marshal.StringToCoTaskMemUTF8(argv[i]);
        pointers[argv.Length] = null;
        Libc.execvp(pointers[0], pointers);
    }

    private static void MarkInheritedDescriptorsCloseOnExec()
    {
        // close_range with CLOEXEC (Linux 5.11) marks without closing, so runtime threads never see a closed fd.
        if (Libc.syscall(Libc.SYS_close_range, 3, unchecked((nint)uint.MaxValue), (nint)Libc.CLOSE_RANGE_CLOEXEC) == 0) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2)
                Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        }
    }

    private static int FailErrno(int status, string what) =>
        Fail(status, $"{what}: {Errno.Describe(Marshal.GetLastPInvokeError())}");

    private static int Fail(int status, string message)
    {
        var bytes = Encoding.UTF8.GetBytes($"container-init: {message}\n");
        fixed (byte* buffer = bytes) Libc.write(2, buffer, (nuint)bytes.Length);
        return status;
    }
}
