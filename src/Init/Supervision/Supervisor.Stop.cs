using System.Diagnostics;
using ContainerInit.Logging;
using ContainerInit.Processes;
using ContainerInit.Signals;

namespace ContainerInit.Supervision;

// The stop: programs in reverse start order, one at a time, each with its stopsignal and then SIGKILL after
// stopwaitsecs; all of it inside [init].shutdown_timeout, after which everything gets SIGKILL at once.
internal sealed partial class Supervisor
{
    private bool _shuttingDown;
    private bool _finished;
    private bool _hurry;
    private int? _exitCode;
    private long _shutdownStarted;
    private readonly Queue<ProgramRuntime> _stopQueue = new();

    private void BeginShutdown(int exitCode)
    {
        if (_shuttingDown) return;
        _shuttingDown = true;
        _exitCode = exitCode;
        _shutdownStarted = Now;
        PostAfter(_settings.ShutdownTimeout, new SupervisorEvent.ShutdownDeadline());
        // Reverse start order; programs that never started come last and need nothing.
        foreach (var program in Enumerable.Reverse(_startOrder)) _stopQueue.Enqueue(program);
        foreach (var program in _programs.Where(p => !_startOrder.Contains(p))) _stopQueue.Enqueue(program);
        AdvanceShutdown();
    }

    /// <summary>Stops the next program in line, or finishes when none is left.</summary>
    private void AdvanceShutdown()
    {
        while (_stopQueue.TryPeek(out var program))
        {
            switch (program.State)
            {
                case ProgramState.Stopping:
                    return;
                case ProgramState.Starting or ProgramState.Running:
                    BeginStop(program);
                    if (program.State == ProgramState.Stopping) return;
                    break;
                case ProgramState.Backoff:
                    program.MoveTo(ProgramState.Stopped);
                    break;
            }
            _stopQueue.Dequeue();
        }
        _finished = true;
    }

    private void BeginStop(ProgramRuntime program)
    {
        program.MoveTo(ProgramState.Stopping);
        if (program.Process is not { } process) return;
        var signal = _hurry ? SignalNumbers.KILL : program.Spec.StopSignal;
        InitLog.Logger.Information("{Program}: stopping with {Signal}", program.Name, SignalNames.NameOf(signal));
        process.Signal(signal, toGroup: program.Spec.StopAsGroup);
        var remaining = _settings.ShutdownTimeout - Stopwatch.GetElapsedTime(_shutdownStarted);
        var wait = program.Spec.StopWaitSecs < remaining ? program.Spec.StopWaitSecs : remaining;
        PostAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, new SupervisorEvent.StopTimedOut(program.Name, program.Attempt));
    }

    private void OnStopTimedOut(ProgramRuntime program)
    {
        if (program.State != ProgramState.Stopping || program.Process is not { } process) return;
        InitLog.Logger.Warning("{Program}: still running after its stop wait; sending SIGKILL", program.Name);
        process.Signal(SignalNumbers.KILL, toGroup: program.Spec.KillAsGroup);
    }

    private void OnShutdownDeadline()
    {
        if (_finished) return;
        InitLog.Logger.Warning("shutdown_timeout ({Timeout:0.#} s) reached: killing everything", _settings.ShutdownTimeout.TotalSeconds);
        _hurry = true;
        KillEverything();
    }

    /// <summary>SIGKILL to every program's group; the exits that follow finish the stop.</summary>
    private void KillEverything()
    {
        foreach (var program in _programs)
        {
            if (program.Process is { HasExited: false } process) process.Signal(SignalNumbers.KILL, toGroup: true);
        }
    }

    /// <summary>After the programs: leftovers, then the programs' last output lines.</summary>
    private async Task FinishAsync()
    {
        var remaining = _settings.ShutdownTimeout - Stopwatch.GetElapsedTime(_shutdownStarted);
        var grace = _hurry || remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
        await LeftoverTerminator.TerminateAsync(_signals.Reader, grace).ConfigureAwait(false);
        foreach (var program in _programs) program.RunCancellation?.Dispose();
        try
        {
            // Pipes close once every writer is gone; everything was just killed, so this is quick, but bounded anyway.
            await Task.WhenAll(_programs.Select(p => p.OutputDrained)).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            InitLog.Logger.Warning("some program output was still open at exit");
        }
        InitLog.Logger.Information("stopped; exit status {Status}", _exitCode ?? 0);
    }
}
