using System.Runtime.InteropServices;
using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>
/// Starts command mode's one child with posix_spawn: no re-exec helper, so `container-init -- CMD` costs one
/// clone and one exec on top of the init's own start.
/// </summary>
/// <remarks>
/// Only for a caller that reaps for itself (<see cref="ReapingThread"/>) and never lets the runtime install its
/// SIGCHLD handler: no Process, no SIGCHLD registration, no System.Console. Otherwise the runtime, as PID 1,
/// would reap this child and its status would be lost (dotnet-pid1.md).
/// </remarks>
internal static unsafe class DirectSpawner
{
    /// <summary>The child's pid; throws <see cref="SpawnFailedException"/> with the exec's errno when it cannot run.</summary>
    internal static int Start(IReadOnlyList<string> argv)
    {
        var attributes = stackalloc byte[Spawn.AttributesSize];
        var actions = stackalloc byte[Spawn.FileActionsSize];
        var defaults = stackalloc byte[Spawn.SigSetSize];
        var mask = stackalloc byte[Spawn.SigSetSize];
        Check(Spawn.posix_spawnattr_init(attributes), "posix_spawnattr_init");
        Check(Spawn.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try
        {
            // Every signal back to SIG_DFL (the runtime leaves SIGPIPE ignored) and none blocked.
            Spawn.sigfillset(defaults);
            // glibc leaves its own 32 and 33 out of sigfillset, and its spawn then sets them to SIG_IGN, which exec
            // keeps: name them in the bitmask directly so the child gets SIG_DFL for them too.
            ((ulong*)defaults)[0] |= (1UL << 31) | (1UL << 32);
            Spawn.sigemptyset(mask);
            Check(Spawn.posix_spawnattr_setsigdefault(attributes, defaults), "posix_spawnattr_setsigdefault");
            Check(Spawn.posix_spawnattr_setsigmask(attributes, mask), "posix_spawnattr_setsigmask");
            // A process group of its own, so that --group can signal all of it.
            Check(Spawn.posix_spawnattr_setpgroup(attributes, 0), "posix_spawnattr_setpgroup");
            Check(Spawn.posix_spawnattr_setflags(attributes, Spawn.POSIX_SPAWN_SETPGROUP | Spawn.POSIX_SPAWN_SETSIGDEF | Spawn.POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
            Check(Spawn.posix_spawn_file_actions_addclosefrom_np(actions, 3), "posix_spawn_file_actions_addclosefrom_np");

            var strings = new nint[argv.Count];
            var pointers = stackalloc byte*[argv.Count + 1];
            try
            {
                for (var i = 0; i < argv.Count; i++) pointers[i] = (byte*)(strings[i] = Marshal.StringToCoTaskMemUTF8(argv[i]));
                pointers[argv.Count] = null;
                int pid;
                var error = Spawn.posix_spawnp(&pid, pointers[0], actions, attributes, pointers, Environ.Pointer);
                if (error != 0) throw new SpawnFailedException(argv[0], error);
                return pid;
            }
            finally
            {
                foreach (var pointer in strings) Marshal.FreeCoTaskMem(pointer);
            }
        }
        finally
        {
            Spawn.posix_spawn_file_actions_destroy(actions);
            Spawn.posix_spawnattr_destroy(attributes);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0) throw new InvalidOperationException($"{call} failed: {Errno.Describe(error)}");
    }
}

/// <summary>The program could not be executed; <see cref="ExitCode"/> is the shell's 127 or 126.</summary>
internal sealed class SpawnFailedException(string program, int errno)
    : Exception($"{program}: {(errno is Errno.ENOENT or Errno.ENOTDIR ? "not found" : Errno.Describe(errno))}")
{
    public int ExitCode { get; } = errno is Errno.ENOENT or Errno.ENOTDIR ? 127 : 126;
}
