using ContainerInit.Cli;
using ContainerInit.CommandMode;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Processes;
using ContainerInit.Signals;
using ContainerInit.Supervision;
using Serilog.Events;

namespace ContainerInit;

/// <summary>Wires the phases together: parse the command line, then hand over to the mode it asked for.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The spawn helper runs once per child: it must do nothing else before it execs.
        if (args.Length > 0 && args[0] == Spawner.HelperVerb) return SpawnHelper.Run(args.AsSpan(1));

        var command = CommandLineParser.Parse(args, Environment.GetEnvironmentVariable);
        if (command is not (InitCommand.RunCommand or InitCommand.Supervise))
        {
            // Nothing to supervise: signals get their default actions back (Ctrl-C ends a check).
            NativeSignals.UnblockHeldSignals();
            return RunOneShot(command);
        }

        // Listen first: until a handler exists, PID 1 never sees a SIGTERM (hold_signals.c keeps them pending till then).
        using var signals = SignalInbox.Open();
        ChildReaper.OnChildEnded(() => signals.Post(SignalNumbers.CHLD));
        ChildReaper.Start();
        Subreaper.BecomeUnlessPidOne();
        try
        {
            if (command is InitCommand.RunCommand run)
            {
                InitLog.Configure(null, null, LogEventLevel.Warning);
                return await CommandRunner.RunAsync(run.Argv, run.Options, run.ConfigPath, signals);
            }
            return await SupervisorMode.RunAsync(((InitCommand.Supervise)command).ConfigPath, signals);
        }
        finally
        {
            InitLog.Flush();
        }
    }

    private static int RunOneShot(InitCommand command)
    {
        switch (command)
        {
            case InitCommand.ShowHelp:
                Console.Out.Write(Usage.Text);
                return ExitCodes.Success;
            case InitCommand.ShowVersion:
                Console.Out.WriteLine($"container-init {Usage.Version}");
                return ExitCodes.Success;
            case InitCommand.UsageError error:
                Console.Error.WriteLine($"container-init: {error.Message}");
                Console.Error.WriteLine("Try 'container-init --help'.");
                return ExitCodes.Usage;
            case InitCommand.Check check:
                return CheckCommand.Run(check.ConfigPath, ProcessEnvironment.Snapshot(), Console.Out, Console.Error);
            default:
                Console.Error.WriteLine("container-init: the control socket (status, start, stop, restart, signal, health) is not available in this version yet");
                return ExitCodes.Usage;
        }
    }
}
