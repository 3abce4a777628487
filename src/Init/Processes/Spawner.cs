// Overview: every child of the init starts here, with posix_spawn (a vfork-style clone and an exec: no copy of
// the init's memory, exec errors reported back), and is reaped by ChildReaper. posix_spawn covers a session or
// process group, signal defaults and mask, fds, a working directory, stdin from /dev/null and pipes for output.
// What it cannot do (a user and its groups, a umask, taking the terminal's foreground group before exec) the
// init's hidden `__spawn` verb (SpawnHelper) does: the init posix_spawns itself, the helper sets those up and
// execs the real program in place, so the pid and the exit status stay the program's.
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using ContainerInit.Native;

namespace ContainerInit.Processes;

public static unsafe class Spawner
{
    internal const string HelperVerb = "__spawn";

    /// <summary>The executable that provides the helper verb: the init itself, or the published binary when tests run in-process.</summary>
    public static string HelperPath { get; set; } = Environment.ProcessPath ?? "/proc/self/exe";

    /// <summary>Starts the child; throws <see cref="SpawnFailedException"/> when the program cannot run (not found, not executable, bad directory).</summary>
    public static ChildProcess Start(SpawnRequest request)
    {
        if (request.Argv.Count == 0 || request.Argv[0].Length == 0)
            throw new ArgumentException("a command needs at least a program name", nameof(request));

        var viaHelper = request.User is not null || request.Umask is not null || request.TakeTerminal;
        var argv = viaHelper ? HelperArguments(request) : request.Argv;
        var environment = EnvironmentBlock(request);

        int[] stdout = [-1, -1], stderr = [-1, -1];
        try
        {
            if (request.Stdout == StdoutMode.Pipe) stdout = Pipe();
            if (request.Stderr == StderrMode.Pipe) stderr = Pipe();
            var (pid, exited) = ChildReaper.Spawn(() => SpawnProcess(request, viaHelper, argv, environment, stdout[1], stderr[1]));
            return new ChildProcess(pid, request.Group, exited, ReadEnd(stdout), ReadEnd(stderr));
        }
        catch
        {
            foreach (var fd in (ReadOnlySpan<int>)[stdout[0], stderr[0]]) if (fd >= 0) Libc.close(fd);
            throw;
        }
        finally
        {
            // The child has its own copies of the write ends; ours would keep the pipes open past its exit.
            foreach (var fd in (ReadOnlySpan<int>)[stdout[1], stderr[1]]) if (fd >= 0) Libc.close(fd);
        }
    }

    private static int SpawnProcess(SpawnRequest request, bool viaHelper, IReadOnlyList<string> argv, IReadOnlyList<string>? environment, int stdoutWrite, int stderrWrite)
    {
        var attributes = stackalloc byte[Spawn.AttributesSize];
        var actions = stackalloc byte[Spawn.FileActionsSize];
        var defaults = stackalloc byte[Spawn.SigSetSize];
        var mask = stackalloc byte[Spawn.SigSetSize];
        Check(Spawn.posix_spawnattr_init(attributes), "posix_spawnattr_init");
        Check(Spawn.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        var strings = new List<nint>();
        try
        {
            // Every signal back to SIG_DFL (the runtime leaves SIGPIPE ignored) and none blocked. glibc leaves its
            // own 32 and 33 out of sigfillset and its spawn would then set them to SIG_IGN, which exec keeps: name
            // them in the bitmask directly.
            Spawn.sigfillset(defaults);
            ((ulong*)defaults)[0] |= (1UL << 31) | (1UL << 32);
            Spawn.sigemptyset(mask);
            Check(Spawn.posix_spawnattr_setsigdefault(attributes, defaults), "posix_spawnattr_setsigdefault");
            Check(Spawn.posix_spawnattr_setsigmask(attributes, mask), "posix_spawnattr_setsigmask");
            short flags = Spawn.POSIX_SPAWN_SETSIGDEF | Spawn.POSIX_SPAWN_SETSIGMASK;
            // With the helper, it makes the group itself (before it takes the terminal).
            if (!viaHelper && request.Group == ProcessGroupMode.NewSession) flags |= Spawn.POSIX_SPAWN_SETSID;
            if (!viaHelper && request.Group == ProcessGroupMode.NewGroup)
            {
                Check(Spawn.posix_spawnattr_setpgroup(attributes, 0), "posix_spawnattr_setpgroup");
                flags |= Spawn.POSIX_SPAWN_SETPGROUP;
            }
            Check(Spawn.posix_spawnattr_setflags(attributes, flags), "posix_spawnattr_setflags");

            if (request.Stdin == StdinMode.Null) Check(Spawn.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Libc.O_RDONLY, 0), "addopen");
            if (stdoutWrite >= 0) Check(Spawn.posix_spawn_file_actions_adddup2(actions, stdoutWrite, 1), "adddup2");
            if (stderrWrite >= 0) Check(Spawn.posix_spawn_file_actions_adddup2(actions, stderrWrite, 2), "adddup2");
            if (request.Stderr == StderrMode.MergeIntoStdout) Check(Spawn.posix_spawn_file_actions_adddup2(actions, 1, 2), "adddup2");
            // The helper changes directory after it has switched user, so that permissions are the user's.
            if (!viaHelper && request.WorkingDirectory is { } directory) Check(Spawn.posix_spawn_file_actions_addchdir_np(actions, directory), "addchdir");
            Check(Spawn.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom");

            var argvBlock = Strings(argv, strings);
            var environmentBlock = environment is null ? Environ.Pointer : Strings(environment, strings);
            int pid;
            var error = viaHelper
                ? Spawn.posix_spawn(&pid, argvBlock[0], actions, attributes, argvBlock, environmentBlock)
                : Spawn.posix_spawnp(&pid, argvBlock[0], actions, attributes, argvBlock, environmentBlock);
            if (error != 0) throw new SpawnFailedException(request.Argv[0], error, request.WorkingDirectory);
            return pid;
        }
        finally
        {
            foreach (var pointer in strings) Marshal.FreeCoTaskMem(pointer);
            Spawn.posix_spawn_file_actions_destroy(actions);
            Spawn.posix_spawnattr_destroy(attributes);
        }
    }

    /// <summary>A NULL-terminated char* array; the strings are freed by the caller through <paramref name="owned"/>.</summary>
    private static byte** Strings(IReadOnlyList<string> values, List<nint> owned)
    {
        var block = (byte**)Marshal.AllocCoTaskMem((values.Count + 1) * sizeof(byte*));
        owned.Add((nint)block);
        for (var i = 0; i < values.Count; i++)
        {
            var text = Marshal.StringToCoTaskMemUTF8(values[i]);
            owned.Add(text);
            block[i] = (byte*)text;
        }
        block[values.Count] = null;
        return block;
    }

    private static IReadOnlyList<string>? EnvironmentBlock(SpawnRequest request)
    {
        if (request.Environment is null && request.User is null) return null;
        var environment = request.Environment is null
            ? new Dictionary<string, string>(Config.ProcessEnvironment.Snapshot(), StringComparer.Ordinal)
            : new Dictionary<string, string>(request.Environment, StringComparer.Ordinal);
        if (request.User is { } user)
        {
            // As su - would: the program must not see the init's HOME and USER.
            if (user.Home is not null) environment["HOME"] = user.Home;
            var name = user.Name ?? user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["USER"] = name;
            environment["LOGNAME"] = name;
        }
        return [.. environment.Select(pair => $"{pair.Key}={pair.Value}")];
    }

    private static List<string> HelperArguments(SpawnRequest request)
    {
        var arguments = new List<string> { HelperPath, HelperVerb };
        switch (request.Group)
        {
            case ProcessGroupMode.NewSession: arguments.Add("--session"); break;
            case ProcessGroupMode.NewGroup: arguments.Add("--group"); break;
        }
        if (request.TakeTerminal) arguments.Add("--terminal");
        if (request.Umask is { } umask) arguments.AddRange(["--umask", umask.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (request.WorkingDirectory is { } directory) arguments.AddRange(["--cwd", directory]);
        if (request.User is { } user)
        {
            arguments.AddRange(["--uid", user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gid", user.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (user.Name is not null) arguments.AddRange(["--user", user.Name]);
        }
        arguments.Add("--");
        arguments.AddRange(request.Argv);
        return arguments;
    }

    private static int[] Pipe()
    {
        var fds = stackalloc int[2];
        if (Spawn.pipe2(fds, Libc.O_CLOEXEC) < 0) throw new IOException($"cannot create a pipe: {Errno.Describe(Marshal.GetLastPInvokeError())}");
        return [fds[0], fds[1]];
    }

    private static FileStream? ReadEnd(int[] pipe) =>
        pipe[0] < 0 ? null : new FileStream(new SafeFileHandle(pipe[0], ownsHandle: true), FileAccess.Read, bufferSize: 0);

    private static void Check(int error, string call)
    {
        if (error != 0) throw new InvalidOperationException($"{call} failed: {Errno.Describe(error)}");
    }
}

/// <summary>The program could not be executed; <see cref="ExitCode"/> is the shell's 127 or 126.</summary>
public sealed class SpawnFailedException(string program, int errno, string? directory = null)
    : Exception(Describe(program, errno, directory))
{
    public int ExitCode { get; } = errno is Errno.ENOENT or Errno.ENOTDIR && (directory is null || Directory.Exists(directory)) ? 127 : 126;

    private static string Describe(string program, int errno, string? directory) => errno switch
    {
        // posix_spawn reports a failed chdir with the same errno as a missing program.
        (Errno.ENOENT or Errno.ENOTDIR) when directory is not null && !Directory.Exists(directory) => $"{program}: cannot change directory to {directory}: {Errno.Describe(errno)}",
        Errno.ENOENT or Errno.ENOTDIR => $"{program}: not found",
        _ => $"{program}: {Errno.Describe(errno)}",
    };
}
