using System.Diagnostics;
using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>A started child: its pid, its process group, its pipes and its end.</summary>
public sealed class ChildProcess
{
    private readonly Process _process;

    internal ChildProcess(Process process, ProcessGroupMode group)
    {
        _process = process;
        Pid = process.Id;
        ProcessGroupId = group == ProcessGroupMode.Inherit ? null : Pid;
        StartedAt = Stopwatch.GetTimestamp();
        StandardOutput = process.StartInfo.RedirectStandardOutput ? process.StandardOutput.BaseStream : null;
        StandardError = process.StartInfo.RedirectStandardError ? process.StandardError.BaseStream : null;
        Exited = WaitForExitAsync();
    }

    public int Pid { get; }

    /// <summary>The child's own process group (its pid), or null when it shares the init's.</summary>
    public int? ProcessGroupId { get; }

    /// <summary>Stopwatch timestamp of the start.</summary>
    public long StartedAt { get; }

    /// <summary>The read end of the child's stdout pipe, when it was asked for.</summary>
    public Stream? StandardOutput { get; }

    /// <summary>The read end of the child's stderr pipe, when it was asked for.</summary>
    public Stream? StandardError { get; }

    /// <summary>Completes once the runtime has reaped the child.</summary>
    public Task<ExitStatus> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Sends a signal to the child, or to its whole process group; false when nothing was there to receive it.</summary>
    public bool Signal(int signal, bool toGroup = false)
    {
        if (HasExited && !toGroup) return false;
        return toGroup && ProcessGroupId is { } pgid
            ? NativeSignals.SendToGroup(pgid, signal)
            : NativeSignals.Send(Pid, signal);
    }

    private async Task<ExitStatus> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        // The runtime reports a death by signal N as 128+N (SystemNative_WaitPidExitedNoHang).
        var status = new ExitStatus(_process.ExitCode);
        ChildRegistry.Remove(Pid);
        _process.Dispose();
        return status;
    }
}
