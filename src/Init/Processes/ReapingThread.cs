using System.Runtime.InteropServices;
using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>
/// tini's reaping: one thread blocked in waitpid(-1) collects every child that ends, the main one's status
/// included. Used by command mode when it spawns with <see cref="DirectSpawner"/>, where nothing else reaps.
/// </summary>
internal sealed unsafe class ReapingThread
{
    private readonly int _mainPid;
    private readonly Action _childReaped;
    private readonly TaskCompletionSource<ExitStatus> _mainExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReapingThread(int mainPid, Action childReaped)
    {
        _mainPid = mainPid;
        _childReaped = childReaped;
    }

    /// <summary>Completes with the main child's status once it has been reaped.</summary>
    internal Task<ExitStatus> MainExited => _mainExited.Task;

    /// <summary>Starts reaping; <paramref name="childReaped"/> runs on the reaping thread after each child.</summary>
    internal static ReapingThread Start(int mainPid, Action childReaped)
    {
        var reaper = new ReapingThread(mainPid, childReaped);
        new Thread(reaper.Run) { IsBackground = true, Name = "reaper" }.Start();
        return reaper;
    }

    private void Run()
    {
        while (true)
        {
            int status;
            var pid = Libc.waitpid(-1, &status, 0);
            if (pid < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                // EINTR: a signal came in; ECHILD: no child left, until a spawn makes one, which command mode never does again.
                if (errno == Errno.EINTR) continue;
                if (errno == Errno.ECHILD)
                {
                    _mainExited.TrySetException(new InvalidOperationException("the main child vanished without a status"));
                    _childReaped();
                    return;
                }
                throw new InvalidOperationException($"waitpid failed: {Errno.Describe(errno)}");
            }
            if (pid == _mainPid) _mainExited.TrySetResult(Decode(status));
            _childReaped();
        }
    }

    /// <summary>The shell's reading of a wait status: the exit code, or 128+N for death by signal N.</summary>
    internal static ExitStatus Decode(int status) =>
        (status & 0x7f) == 0 ? new ExitStatus((status >> 8) & 0xff) : new ExitStatus(128 + (status & 0x7f));
}
