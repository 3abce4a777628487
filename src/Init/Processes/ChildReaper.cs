// Overview: the only place that reaps. One thread blocks in waitpid(-1) — tini's loop — and collects every child
// of the init: the ones it spawned (their status completes their Exited task) and every orphan re-parented to it,
// as PID 1 or as a subreaper. The .NET runtime must never reap beside it, or statuses are lost (dotnet-pid1.md):
// so the init never uses Process, never registers SIGCHLD and never touches System.Console streams, the three
// things that make the runtime install its reaping SIGCHLD handler.
using System.Runtime.InteropServices;
using ContainerInit.Native;

namespace ContainerInit.Processes;

internal static unsafe class ChildReaper
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, TaskCompletionSource<ExitStatus>> Waiting = [];
    /// <summary>Spawns since the reaping thread last found no child; Monitor-guarded (a semaphore would spin first).</summary>
    private static readonly object ChildrenMayExist = new();
    private static int _spawnsSinceEmpty;
    private static Thread? _thread;
    private static Action? _childEnded;

    /// <summary>Called on the reaping thread after every reaped child: supervisors post themselves an event.</summary>
    internal static void OnChildEnded(Action childEnded) => _childEnded = childEnded;

    /// <summary>
    /// Runs <paramref name="spawn"/> (which returns the new pid) so that its exit cannot be reaped before it is
    /// known: the reaping thread takes the same lock before it looks a pid up.
    /// </summary>
    internal static (int Pid, Task<ExitStatus> Exited) Spawn(Func<int> spawn)
    {
        lock (Gate)
        {
            var pid = spawn();
            var exited = new TaskCompletionSource<ExitStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            Waiting[pid] = exited;
            _thread ??= StartThread();
            lock (ChildrenMayExist)
            {
                _spawnsSinceEmpty++;
                Monitor.Pulse(ChildrenMayExist);
            }
            return (pid, exited.Task);
        }
    }

    /// <summary>Whether the init has any child at all (orphans included), without reaping.</summary>
    internal static bool HasChildren()
    {
        SigInfo info;
        return Libc.waitid(Libc.P_ALL, 0, &info, Libc.WEXITED | Libc.WNOHANG | Libc.WNOWAIT) == 0;
    }

    /// <summary>Starts reaping orphans even before the first spawn (an init may inherit children).</summary>
    internal static void Start()
    {
        lock (Gate) _thread ??= StartThread();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "reaper" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        while (true)
        {
            int status;
            var pid = Libc.waitpid(-1, &status, 0);
            if (pid < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                // EINTR: a signal came in. ECHILD: no child now; sleep until a spawn makes one.
                if (errno == Errno.EINTR) continue;
                if (errno != Errno.ECHILD) Environment.FailFast($"waitpid(-1) failed: {Errno.Describe(errno)}");
                lock (ChildrenMayExist)
                {
                    while (_spawnsSinceEmpty == 0) Monitor.Wait(ChildrenMayExist);
                    _spawnsSinceEmpty = 0;
                }
                continue;
            }
            TaskCompletionSource<ExitStatus>? waiting;
            lock (Gate)
            {
                if (Waiting.Remove(pid, out waiting)) { }
            }
            waiting?.TrySetResult(Decode(status));
            _childEnded?.Invoke();
        }
    }

    /// <summary>The shell's reading of a wait status: the exit code, or 128+N for death by signal N.</summary>
    internal static ExitStatus Decode(int status) =>
        (status & 0x7f) == 0 ? new ExitStatus((status >> 8) & 0xff) : new ExitStatus(128 + (status & 0x7f));
}
