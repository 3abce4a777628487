using System.Threading.Channels;

namespace ContainerInit.Signals;

/// <summary>Every signal the init listens to, queued in arrival order for the one loop that acts on them.</summary>
internal sealed class SignalInbox : IDisposable
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SignalListener _listener;

    private SignalInbox()
    {
        // Stop signals first: until a handler exists, PID 1 never sees them (the kernel discards them).
        _listener = SignalListener.Start(_channel.Writer, [SignalNumbers.TERM, SignalNumbers.INT, SignalNumbers.QUIT]);
        _listener.Add(_channel.Writer, SignalNumbers.Forwardable.Where(s => s is not (SignalNumbers.TERM or SignalNumbers.INT or SignalNumbers.QUIT)));
        _listener.Add(_channel.Writer, [SignalNumbers.CHLD]);
    }

    /// <summary>Starts listening; call it as early as possible.</summary>
    internal static SignalInbox Open() => new();

    internal ChannelReader<int> Reader => _channel.Reader;

    public void Dispose() => _listener.Dispose();
}
