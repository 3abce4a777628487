namespace ContainerInit.Supervision;

/// <summary>supervisord's process states, with the same meanings.</summary>
public enum ProgramState
{
    /// <summary>Not running, and not asked to (also: stopped on request).</summary>
    Stopped,
    /// <summary>Spawned, not yet up for startsecs (and not yet ready, when it has a probe).</summary>
    Starting,
    /// <summary>Up for startsecs and ready.</summary>
    Running,
    /// <summary>Failed to start; waiting before the next try.</summary>
    Backoff,
    /// <summary>Sent its stop signal; waiting for it to end.</summary>
    Stopping,
    /// <summary>Ended from RUNNING and not restarted.</summary>
    Exited,
    /// <summary>Failed to start startretries times in a row: given up.</summary>
    Fatal,
}

/// <summary>Which state changes are legal: the lifecycle as a table, checked on every change.</summary>
public static class ProgramStateTransitions
{
    private static readonly Dictionary<ProgramState, ProgramState[]> AllowedFrom = new()
    {
        [ProgramState.Starting] = [ProgramState.Stopped, ProgramState.Backoff, ProgramState.Exited, ProgramState.Fatal],
        [ProgramState.Running] = [ProgramState.Starting],
        [ProgramState.Backoff] = [ProgramState.Starting],
        [ProgramState.Stopping] = [ProgramState.Starting, ProgramState.Running],
        [ProgramState.Exited] = [ProgramState.Running],
        [ProgramState.Fatal] = [ProgramState.Starting],
        [ProgramState.Stopped] = [ProgramState.Stopping, ProgramState.Backoff],
    };

    /// <summary>True when a program may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ProgramState from, ProgramState to) => AllowedFrom[to].Contains(from);
}
