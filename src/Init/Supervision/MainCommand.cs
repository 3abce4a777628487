using ContainerInit.Cli;
using ContainerInit.Config;
using ContainerInit.Processes;

namespace ContainerInit.Supervision;

/// <summary>Command mode's CMD when it runs beside the configured programs (--with-programs).</summary>
/// <remarks>
/// It is supervised as a program that starts last and stops first, is never restarted, and whose end, however
/// it comes, stops the rest and gives the init its exit status. It is spawned as plain command mode spawns it:
/// its own process group, the terminal's foreground when there is one, the init's stdin.
/// </remarks>
internal sealed class MainCommand(IReadOnlyList<string> argv, CommandModeOptions options)
{
    /// <summary>Its name in logs: a space keeps it apart from every configured program's name.</summary>
    internal const string Name = "main command";

    internal ProgramSpec ToSpec(IReadOnlyList<string> after) => new()
    {
        Name = Name,
        Command = argv,
        AutoRestart = AutoRestart.False,
        StartSecs = TimeSpan.Zero,
        StartRetries = 0,
        StopSignal = Signals.SignalNumbers.TERM,
        StopWaitSecs = options.Grace,
        // As in plain command mode: the stop signal reaches the group only with --group, and what CMD leaves
        // behind gets SIGTERM and a grace period (the final sweep), not an immediate SIGKILL.
        StopAsGroup = options.ToGroup,
        KillAsGroup = false,
        After = after,
    };

    internal ChildProcess Start(IReadOnlyDictionary<string, string> environment) =>
        Spawner.Start(new SpawnRequest { Argv = argv, Environment = environment, Group = ProcessGroupMode.NewGroup, TakeTerminal = true });

    internal void Forward(ChildProcess process, int signal) => CommandMode.SignalForwarding.Forward(process, signal, options);
}
