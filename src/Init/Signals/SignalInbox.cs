using System.Threading.Channels;
using ContainerInit.Native;

namespace ContainerInit.Signals;

/// <summary>Every signal the init listens to, queued in arrival order for the one loop that acts on them.</summary>
internal sealed class SignalInbox : IDisposable
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SignalListener _listener;

    private SignalInbox(bool childSignal)
    {
        // Stop signals first: until a handler exists, PID 1 never sees them (the kernel discards them).
        _listener = SignalListener.Start(_channel.Writer, [SignalNumbers.TERM, SignalNumbers.INT, SignalNumbers.QUIT]);
        _listener.Add(_channel.Writer, SignalNumbers.Forwardable.Where(s => s is not (SignalNumbers.TERM or SignalNumbers.INT or SignalNumbers.QUIT)));
        // Registering SIGCHLD makes the runtime install its reaping handler: only for modes that spawn through Process.
        if (childSignal) _listener.Add(_channel.Writer, [SignalNumbers.CHLD]);
        // hold_signals.c blocked these before the runtime started; with the handlers in, let the pending ones in.
        NativeSignals.UnblockHeldSignals();
    }

    /// <summary>Starts listening; call it as early as possible.</summary>
    /// <param name="childSignal">Also listen to SIGCHLD (and so let the runtime reap, as Process needs).</param>
    internal static SignalInbox Open(bool childSignal) => new(childSignal);

    /// <summary>Queues a signal number as if it had arrived: a reaper posts SIGCHLD this way when the runtime does not.</summary>
    internal void Post(int signal) => _channel.Writer.TryWrite(signal);

    internal ChannelReader<int> Reader => _channel.Reader;

    public void Dispose() => _listener.Dispose();
}
