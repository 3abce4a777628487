using ContainerInit.Processes;

namespace ContainerInit.Supervision;

/// <summary>Everything the supervisor loop reacts to. Producers only post these; the loop owns all state.</summary>
internal abstract record SupervisorEvent
{
    internal sealed record SignalReceived(int Signal) : SupervisorEvent;
    /// <summary>A program's process ended; <see cref="Attempt"/> tells stale events from current ones.</summary>
    internal sealed record ProcessExited(string Program, int Attempt, ExitStatus Status) : SupervisorEvent;
    internal sealed record StartSecsElapsed(string Program, int Attempt) : SupervisorEvent;
    internal sealed record ReadinessChecked(string Program, int Attempt, bool Ready) : SupervisorEvent;
    internal sealed record BackoffElapsed(string Program, int Attempt) : SupervisorEvent;
    internal sealed record StopTimedOut(string Program, int Attempt) : SupervisorEvent;
    /// <summary>The overall shutdown budget ran out.</summary>
    internal sealed record ShutdownDeadline : SupervisorEvent;
}
