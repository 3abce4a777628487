using System.Threading.Channels;
using ContainerInit.Native;

namespace ContainerInit.Signals;

/// <summary>Every signal the init listens to, queued in arrival order for the one loop that acts on them.</summary>
internal sealed class SignalInbox : IDisposable
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SignalListener _listener;
    private readonly object _arrived = new();

    private SignalInbox()
    {
        // Stop signals first: until a handler exists, PID 1 never sees them (the kernel discards them).
        _listener = SignalListener.Start(Post, [SignalNumbers.TERM, SignalNumbers.INT, SignalNumbers.QUIT]);
        _listener.Add(Post, SignalNumbers.Forwardable.Where(s => s is not (SignalNumbers.TERM or SignalNumbers.INT or SignalNumbers.QUIT)));
        // Never SIGCHLD: registering it makes the runtime install its reaping handler (ChildReaper reaps, and
        // posts SIGCHLD here itself after each child).
        // hold_signals.c blocked these before the runtime started; with the handlers in, let the pending ones in.
        NativeSignals.UnblockHeldSignals();
    }

    /// <summary>Starts listening; call it as early as possible.</summary>
    internal static SignalInbox Open() => new();

    /// <summary>Queues a signal number; ChildReaper also posts SIGCHLD this way after each child it reaps.</summary>
    internal void Post(int signal)
    {
        _channel.Writer.TryWrite(signal);
        lock (_arrived) Monitor.PulseAll(_arrived);
    }

    /// <summary>
    /// Blocks the calling thread until a signal is queued: for command mode's loop, which then needs neither the
    /// thread pool nor its threads (they cost a fair part of a `container-init -- true`).
    /// </summary>
    internal void WaitForSignal()
    {
        lock (_arrived)
        {
            while (!_channel.Reader.TryPeek(out _)) Monitor.Wait(_arrived);
        }
    }

    internal ChannelReader<int> Reader => _channel.Reader;

    public void Dispose() => _listener.Dispose();
}
