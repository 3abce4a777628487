// Overview: the supervisor loop. One task owns every program's state; signals, process exits, timers and probe
// results arrive as events on one channel (signals on the inbox beside it) and are handled one at a time, so no
// lock guards program state. Nothing polls: every wait is an event or a timer that posts one. Events carry the
// program's attempt number, and one from an earlier run of the program is dropped.
using System.Diagnostics;
using System.Threading.Channels;
using ContainerInit.Config;
using ContainerInit.Logging;
using ContainerInit.Native;
using ContainerInit.Processes;
using ContainerInit.Readiness;
using ContainerInit.Signals;

namespace ContainerInit.Supervision;

/// <summary>Starts the programs in order, keeps them up as configured, and stops them in reverse order.</summary>
internal sealed partial class Supervisor
{
    private readonly Channel<SupervisorEvent> _events = Channel.CreateUnbounded<SupervisorEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ProgramRuntime> _programs;
    private readonly Dictionary<string, ProgramRuntime> _byName;
    private readonly InitSettings _settings;
    private readonly ProgramLauncher _launcher;
    private readonly SignalInbox _signals;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<ProgramRuntime> _startOrder = [];

    private readonly ProgramRuntime? _main;

    /// <param name="mainCommand">command mode's CMD when it runs beside the programs (--with-programs).</param>
    public Supervisor(InitConfig config, IReadOnlyDictionary<string, string> environment, Output.OutputSink sink, SignalInbox signals, MainCommand? mainCommand = null)
    {
        _settings = config.Init;
        _programs = [.. config.Programs.Select(spec => new ProgramRuntime(spec))];
        if (mainCommand is not null)
        {
            // CMD starts once every autostart program is ready, and is the first to stop.
            _main = new ProgramRuntime(mainCommand.ToSpec([.. config.Programs.Where(p => p.AutoStart).Select(p => p.Name)]), mainCommand);
            _programs.Add(_main);
        }
        _byName = _programs.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _environment = environment;
        _launcher = new ProgramLauncher(environment, sink);
        _signals = signals;
    }

    /// <summary>Supervises until every program has ended or a stop was asked for; returns the init's exit status.</summary>
    public async Task<int> RunAsync()
    {
        StartEligiblePrograms();
        CheckWhetherAnythingIsLeft();
        while (!_finished)
        {
            var next = await NextEventAsync().ConfigureAwait(false);
            Handle(next);
        }
        await FinishAsync().ConfigureAwait(false);
        return _exitCode ?? 0;
    }

    private async Task<SupervisorEvent> NextEventAsync()
    {
        while (true)
        {
            // Signals first: a stop request must not wait behind a burst of other events.
            if (_signals.Reader.TryRead(out var signal)) return new SupervisorEvent.SignalReceived(signal);
            if (_events.Reader.TryRead(out var posted)) return posted;
            await Task.WhenAny(_signals.Reader.WaitToReadAsync().AsTask(), _events.Reader.WaitToReadAsync().AsTask()).ConfigureAwait(false);
        }
    }

    private void Handle(SupervisorEvent next)
    {
        switch (next)
        {
            case SupervisorEvent.SignalReceived(var signal): OnSignal(signal); break;
            case SupervisorEvent.ProcessExited exited when IsCurrent(exited.Program, exited.Attempt, out var program): OnExited(program, exited.Status); break;
            case SupervisorEvent.StartSecsElapsed elapsed when IsCurrent(elapsed.Program, elapsed.Attempt, out var program):
                program.StartSecsPassed = true;
                PromoteIfUp(program);
                break;
            case SupervisorEvent.ReadinessChecked checkedEvent when IsCurrent(checkedEvent.Program, checkedEvent.Attempt, out var program): OnReadiness(program, checkedEvent.Ready); break;
            case SupervisorEvent.BackoffElapsed backoff when IsCurrent(backoff.Program, backoff.Attempt, out var program):
                if (program.State == ProgramState.Backoff && !_shuttingDown) Launch(program);
                break;
            case SupervisorEvent.StopTimedOut timedOut when IsCurrent(timedOut.Program, timedOut.Attempt, out var program): OnStopTimedOut(program); break;
            case SupervisorEvent.ShutdownDeadline: OnShutdownDeadline(); break;
        }
    }

    private bool IsCurrent(string name, int attempt, out ProgramRuntime program)
    {
        program = _byName[name];
        return program.Attempt == attempt;
    }

    private void OnSignal(int signal)
    {
        switch (signal)
        {
            case SignalNumbers.CHLD:
                // ChildReaper has reaped; the exit of a program, if it was one, comes as its own event.
                break;
            case not SignalNumbers.CHLD when _main is { State: ProgramState.Starting or ProgramState.Running } main:
                // As in plain command mode: CMD gets every signal, and its end ends the rest.
                main.MainCommand!.Forward(main.Process!, signal);
                break;
            case SignalNumbers.TERM or SignalNumbers.INT or SignalNumbers.QUIT:
                if (_shuttingDown && signal != SignalNumbers.QUIT)
                {
                    InitLog.Logger.Warning("second stop request ({Signal}): killing everything now", SignalNames.NameOf(signal));
                    _hurry = true;
                    KillEverything();
                    break;
                }
                InitLog.Logger.Information("{Signal} received: stopping", SignalNames.NameOf(signal));
                BeginShutdown(0);
                break;
            case SignalNumbers.HUP:
                InitLog.Logger.Warning("SIGHUP received: reloading the config is not supported yet; nothing changed");
                break;
            default:
                InitLog.Logger.Debug("{Signal} received and ignored", SignalNames.NameOf(signal));
                break;
        }
    }

    /// <summary>Starts every autostart program that has never run and whose <c>after</c> programs are ready.</summary>
    private void StartEligiblePrograms()
    {
        if (_shuttingDown) return;
        foreach (var program in _programs)
        {
            if (program.State != ProgramState.Stopped || !program.Spec.AutoStart || program.Attempt > 0) continue;
            if (program.Spec.After.All(name => _byName[name].Ready)) Launch(program);
        }
    }

    private void Launch(ProgramRuntime program)
    {
        program.Attempt++;
        program.StartSecsPassed = false;
        program.Ready = false;
        program.RunCancellation?.Dispose();
        program.RunCancellation = new CancellationTokenSource();
        var attempt = program.Attempt;
        var spec = program.Spec;
        try
        {
            var (process, drained) = program.MainCommand is { } main ? (main.Start(_environment), Task.CompletedTask) : _launcher.Launch(spec);
            program.Process = process;
            program.OutputDrained = drained;
        }
        catch (Exception exception) when (exception is SpawnFailedException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A program that cannot be executed fails its start like one that exits at once (supervisord does the same).
            InitLog.Logger.Error("{Program}: cannot start: {Reason}", program.Name, exception.Message);
            program.Process = null;
            program.MoveTo(ProgramState.Starting);
            Post(new SupervisorEvent.ProcessExited(program.Name, attempt, new ExitStatus(exception is SpawnFailedException failure ? failure.ExitCode : 126)));
            return;
        }

        if (!_startOrder.Contains(program)) _startOrder.Add(program);
        program.MoveTo(ProgramState.Starting);
        InitLog.Logger.Information("{Program}: started, pid {Pid}", program.Name, program.Process.Pid);
        _ = program.Process.Exited.ContinueWith(
            exited => Post(new SupervisorEvent.ProcessExited(program.Name, attempt, exited.Result)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        if (spec.StartSecs > TimeSpan.Zero) PostAfter(spec.StartSecs, new SupervisorEvent.StartSecsElapsed(program.Name, attempt));
        else program.StartSecsPassed = true;

        if (spec.Ready is { } readiness) _ = ProbeAsync(program.Name, attempt, readiness, spec.ReadyTimeout, program.RunCancellation.Token);
        PromoteIfUp(program);
    }

    private async Task ProbeAsync(string name, int attempt, ReadinessSpec readiness, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            var probe = ReadinessProbes.Create(readiness, RunProbeCommandAsync);
            // A connect answers in microseconds; a command may legitimately take seconds, up to the whole ready_timeout.
            var checkTimeout = readiness is ReadinessSpec.Exec ? timeout : ReadinessWaiter.DefaultCheckTimeout;
            var ready = await ReadinessWaiter.WaitAsync(probe, timeout, checkTimeout, cancellation).ConfigureAwait(false);
            Post(new SupervisorEvent.ReadinessChecked(name, attempt, ready));
        }
        catch (OperationCanceledException)
        {
            // The run ended before the program became ready; its exit event says what happens next.
        }
    }

    private async Task<int> RunProbeCommandAsync(IReadOnlyList<string> command, CancellationToken cancellation)
    {
        var child = Spawner.Start(new SpawnRequest { Argv = command, Environment = _environment, Stdin = StdinMode.Null, Group = ProcessGroupMode.NewSession });
        try
        {
            return (await child.Exited.WaitAsync(cancellation).ConfigureAwait(false)).Code;
        }
        catch (OperationCanceledException)
        {
            child.Signal(SignalNumbers.KILL, toGroup: true);
            throw;
        }
    }

    private void OnReadiness(ProgramRuntime program, bool ready)
    {
        if (program.State is not (ProgramState.Starting or ProgramState.Running)) return;
        if (!ready)
        {
            InitLog.Logger.Error("{Program}: not ready after {Timeout:0} s (ready_timeout); killing it", program.Name, program.Spec.ReadyTimeout.TotalSeconds);
            program.Process?.Signal(SignalNumbers.KILL, toGroup: true);
            return;
        }
        program.Ready = true;
        InitLog.Logger.Information("{Program}: ready", program.Name);
        PromoteIfUp(program);
        StartEligiblePrograms();
    }

    /// <summary>STARTING becomes RUNNING once startsecs have passed and, with a probe, the program is ready.</summary>
    private void PromoteIfUp(ProgramRuntime program)
    {
        if (program.State != ProgramState.Starting || !program.StartSecsPassed) return;
        if (program.Spec.Ready is not null && !program.Ready) return;
        program.MoveTo(ProgramState.Running);
        program.FailedStarts = 0;
        program.Ready = true;
        InitLog.Logger.Information("{Program}: running", program.Name);
        StartEligiblePrograms();
    }

    private void OnExited(ProgramRuntime program, ExitStatus status)
    {
        program.RunCancellation?.Cancel();
        // Orphaned workers of a dead master keep serving (php-stack-facts.md): what is left of the group goes too.
        if (program.Spec.KillAsGroup && program.Process?.ProcessGroupId is { } group) NativeSignals.SendToGroup(group, SignalNumbers.KILL);

        switch (program.State)
        {
            case ProgramState.Stopping:
                InitLog.Logger.Information("{Program}: stopped ({Status})", program.Name, status.ToString());
                program.MoveTo(ProgramState.Stopped);
                AdvanceShutdown();
                return;
            case ProgramState.Starting:
                OnFailedStart(program, status);
                break;
            case ProgramState.Running:
                OnExitWhileRunning(program, status);
                break;
        }
        CheckWhetherAnythingIsLeft();
    }

    private void OnFailedStart(ProgramRuntime program, ExitStatus status)
    {
        program.FailedStarts++;
        if (program.MainCommand is not null)
        {
            program.MoveTo(ProgramState.Fatal);
            BeginShutdown(status.Code);
            return;
        }
        if (_shuttingDown)
        {
            program.MoveTo(ProgramState.Backoff);
            program.MoveTo(ProgramState.Stopped);
            AdvanceShutdown();
            return;
        }
        if (program.FailedStarts > program.Spec.StartRetries)
        {
            InitLog.Logger.Error("{Program}: gave up after {Attempts} failed starts ({Status}): FATAL", program.Name, program.FailedStarts, status.ToString());
            program.MoveTo(ProgramState.Fatal);
            if (_settings.OnFatal == OnFatal.Shutdown) BeginShutdown(status.Code == 0 ? 1 : status.Code);
            return;
        }
        // supervisord's schedule: one more second of waiting after each failed start.
        var delay = TimeSpan.FromSeconds(program.FailedStarts);
        InitLog.Logger.Warning("{Program}: exited during start-up ({Status}); retry {Retry} of {Retries} in {Delay:0} s",
            program.Name, status.ToString(), program.FailedStarts, program.Spec.StartRetries, delay.TotalSeconds);
        program.MoveTo(ProgramState.Backoff);
        PostAfter(delay, new SupervisorEvent.BackoffElapsed(program.Name, program.Attempt));
    }

    private void OnExitWhileRunning(ProgramRuntime program, ExitStatus status)
    {
        if (program.MainCommand is not null)
        {
            InitLog.Logger.Information("{Program}: exited ({Status}); stopping the programs", program.Name, status.ToString());
            program.MoveTo(ProgramState.Exited);
            BeginShutdown(status.Code);
            return;
        }
        // The runtime reports a death by signal N as 128+N, so listing 143 in exitcodes makes a SIGTERM death expected.
        var expected = program.Spec.ExitCodes.Contains(status.Code);
        var restart = program.Spec.AutoRestart == AutoRestart.True || (program.Spec.AutoRestart == AutoRestart.Unexpected && !expected);
        program.MoveTo(ProgramState.Exited);
        if (restart && !_shuttingDown)
        {
            InitLog.Logger.Warning("{Program}: exited ({Status}, {Expectation}); restarting", program.Name, status.ToString(), expected ? "expected" : "unexpected");
            Launch(program);
            return;
        }
        if (expected)
        {
            InitLog.Logger.Information("{Program}: exited ({Status}, expected)", program.Name, status.ToString());
            return;
        }
        InitLog.Logger.Error("{Program}: exited unexpectedly ({Status}) and will not be restarted", program.Name, status.ToString());
        if (_settings.OnFatal == OnFatal.Shutdown) BeginShutdown(status.Code == 0 ? 1 : status.Code);
    }

    /// <summary>When nothing runs or can still start, the init is done.</summary>
    private void CheckWhetherAnythingIsLeft()
    {
        if (_shuttingDown) return;
        var anythingLeft = _programs.Any(p =>
            p.State is ProgramState.Starting or ProgramState.Running or ProgramState.Backoff or ProgramState.Stopping
            || (p.State == ProgramState.Stopped && p.Spec.AutoStart && p.Attempt == 0
                && p.Spec.After.All(name => _byName[name].State is not (ProgramState.Fatal or ProgramState.Exited) || _byName[name].Ready)));
        if (anythingLeft) return;
        InitLog.Logger.Information("no program left running");
        BeginShutdown(0);
    }

    private void Post(SupervisorEvent next) => _events.Writer.TryWrite(next);

    private void PostAfter(TimeSpan delay, SupervisorEvent next) =>
        _ = Task.Delay(delay).ContinueWith(_ => Post(next), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static long Now => Stopwatch.GetTimestamp();
}
