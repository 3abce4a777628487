using ContainerInit.Native;

namespace ContainerInit.Processes;

/// <summary>A started child: its pid, its process group, its pipes and its end.</summary>
public sealed class ChildProcess
{
    internal ChildProcess(int pid, ProcessGroupMode group, Task<ExitStatus> exited, Stream? standardOutput, Stream? standardError)
    {
        Pid = pid;
        ProcessGroupId = group == ProcessGroupMode.Inherit ? null : pid;
        StandardOutput = standardOutput;
        StandardError = standardError;
        Exited = exited;
    }

    public int Pid { get; }

    /// <summary>The child's own process group (its pid), or null when it shares the init's.</summary>
    public int? ProcessGroupId { get; }

    /// <summary>The read end of the child's stdout pipe, when it was asked for.</summary>
    public Stream? StandardOutput { get; }

    /// <summary>The read end of the child's stderr pipe, when it was asked for.</summary>
    public Stream? StandardError { get; }

    /// <summary>Completes once the child has been reaped, with its status.</summary>
    public Task<ExitStatus> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Sends a signal to the child, or to its whole process group; false when nothing was there to receive it.</summary>
    public bool Signal(int signal, bool toGroup = false)
    {
        if (toGroup && ProcessGroupId is { } pgid) return NativeSignals.SendToGroup(pgid, signal);
        // Once reaped, the pid may belong to someone else.
        return !HasExited && NativeSignals.Send(Pid, signal);
    }
}
