using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Processes;

namespace ContainerInit.Supervision;

/// <summary>One program's live state. Only the supervisor loop touches it.</summary>
internal sealed class ProgramRuntime(ProgramSpec spec, MainCommand? mainCommand = null)
{
    public ProgramSpec Spec { get; } = spec;

    /// <summary>Set for command mode's CMD run beside the programs (--with-programs); null for a configured program.</summary>
    public MainCommand? MainCommand { get; } = mainCommand;
    public string Name => Spec.Name;
    public ProgramState State { get; private set; } = ProgramState.Stopped;

    /// <summary>Counts spawns; events carry it so that one from an earlier run is ignored.</summary>
    public int Attempt { get; set; }

    /// <summary>Failed starts in a row (supervisord's backoff counter).</summary>
    public int FailedStarts { get; set; }

    public ChildProcess? Process { get; set; }
    public bool StartSecsPassed { get; set; }
    public bool Ready { get; set; }

    /// <summary>Cancels this run's readiness probe (the output pumps run to EOF on their own).</summary>
    public CancellationTokenSource? RunCancellation { get; set; }

    /// <summary>Completes when the output pumps have drained the pipes (after the process and its children closed them).</summary>
    public Task OutputDrained { get; set; } = Task.CompletedTask;

    public void MoveTo(ProgramState next)
    {
        if (!ProgramStateTransitions.IsAllowed(State, next))
            throw new InvalidOperationException($"program {Name}: illegal state change {State} -> {next}");
        if (State != next) InitLog.Logger.Debug("{Program}: {From} -> {To}", Name, State, next);
        State = next;
    }
}
