using System.Diagnostics;
using ContainerInit.Cli;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Processes;
using ContainerInit.Signals;

namespace ContainerInit.Startup;

/// <summary>Runs the startup scripts one at a time, before any program, and stops at the first failure.</summary>
internal static class StartupRunner
{
    /// <summary>
    /// The whole startup phase: the scripts, then, when one failed or a stop came, whatever they left behind.
    /// null when the boot goes on; else the init's exit status.
    /// </summary>
    internal static async Task<int?> RunPhaseAsync(InitSettings settings, IReadOnlyDictionary<string, string> environment, SignalInbox signals)
    {
        var outcome = await RunAsync(settings.StartupDir, settings.StartupTimeout, settings.ShutdownTimeout, environment, signals).ConfigureAwait(false);
        if (outcome is StartupOutcome.Completed) return null;
        await LeftoverTerminator.TerminateAsync(signals.Reader, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return outcome is StartupOutcome.Failed failed ? failed.ExitCode : ExitCodes.Success;
    }

    internal static async Task<StartupOutcome> RunAsync(
        string directory, TimeSpan? timeout, TimeSpan stopGrace, IReadOnlyDictionary<string, string> environment, SignalInbox signals)
    {
        if (directory.Length == 0) return new StartupOutcome.Completed();
        var (scripts, skipped) = StartupScripts.Select(directory);
        foreach (var (path, reason) in skipped) InitLog.Logger.Information("startup: skipping {Script} ({Reason})", path, reason);

        foreach (var script in scripts)
        {
            InitLog.Logger.Information("startup: running {Script}", script);
            var clock = Stopwatch.StartNew();
            ChildProcess child;
            try
            {
                child = Spawner.Start(new SpawnRequest { Argv = [script], Environment = environment, Group = ProcessGroupMode.NewGroup });
            }
            catch (SpawnFailedException failure)
            {
                InitLog.Logger.Error("startup: cannot start {Script}: {Reason}; no program will start", script, failure.Message);
                return new StartupOutcome.Failed(script, failure.ExitCode);
            }

            var outcome = await SuperviseScriptAsync(child, script, timeout, stopGrace, signals);
            if (outcome is not null) return outcome;
            var status = await child.Exited;
            if (status.Code != 0)
            {
                InitLog.Logger.Error("startup: {Script} failed with {Status}; no program will start", script, status.ToString());
                return new StartupOutcome.Failed(script, status.Code);
            }
            InitLog.Logger.Information("startup: {Script} done in {Elapsed:0} ms", script, clock.Elapsed.TotalMilliseconds);
        }
        return new StartupOutcome.Completed();
    }

    /// <summary>Waits for the script, passing signals on; null when it ended by itself.</summary>
    private static async Task<StartupOutcome?> SuperviseScriptAsync(
        ChildProcess child, string script, TimeSpan? timeout, TimeSpan stopGrace, SignalInbox signals)
    {
        using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        var timedOut = Task.Delay(Timeout.Infinite, deadline.Token);
        while (!child.HasExited)
        {
            var signalled = signals.Reader.WaitToReadAsync().AsTask();
            var first = await Task.WhenAny(child.Exited, signalled, timedOut);
            if (first == timedOut)
            {
                InitLog.Logger.Error("startup: {Script} ran past startup_timeout ({Timeout:0} s); killing it", script, timeout!.Value.TotalSeconds);
                child.Signal(SignalNumbers.KILL, toGroup: true);
                await child.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                return new StartupOutcome.Failed(script, ExitCodes.StartupTimeout);
            }
            while (signals.Reader.TryRead(out var signal))
            {
                if (signal == SignalNumbers.CHLD) continue;
                // Every signal reaches the script, as in command mode; the stop signals also end the boot.
                child.Signal(signal);
                if (signal is SignalNumbers.TERM or SignalNumbers.INT or SignalNumbers.QUIT)
                {
                    InitLog.Logger.Warning("startup: stop requested ({Signal}) while {Script} ran; no program will start", SignalNames.NameOf(signal), script);
                    await WaitOrKillAsync(child, stopGrace);
                    return new StartupOutcome.StopRequested();
                }
            }
        }
        return null;
    }

    private static async Task WaitOrKillAsync(ChildProcess child, TimeSpan grace)
    {
        try
        {
            await child.Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            InitLog.Logger.Warning("startup: the script outlived the stop grace period; sending SIGKILL to its group");
            child.Signal(SignalNumbers.KILL, toGroup: true);
            await child.Exited.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
