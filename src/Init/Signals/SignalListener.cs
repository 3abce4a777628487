using System.Runtime.InteropServices;
using System.Threading.Channels;
using ContainerInit.Native;

namespace ContainerInit.Signals;

/// <summary>Turns signals sent to the init into numbers on a channel; the loop that owns the state does the rest.</summary>
/// <remarks>
/// The handlers only post. As PID 1 a handler must set Cancel, or the runtime restores SIG_DFL and re-raises, which
/// PID 1 ignores, and the handler is gone for good (dotnet-pid1.md). A signal inherited as SIG_IGN makes
/// registration a silent no-op, so it is set back to SIG_DFL first.
/// </remarks>
internal sealed class SignalListener : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private SignalListener() { }

    internal static SignalListener Start(Action<int> deliver, IEnumerable<int> numbers)
    {
        var listener = new SignalListener();
        listener.Add(deliver, numbers);
        return listener;
    }

    internal void Add(Action<int> deliver, IEnumerable<int> numbers)
    {
        foreach (var number in numbers)
        {
            if (NativeSignals.IsIgnored(number)) Libc.signal(number, Libc.SIG_DFL);
            _registrations.Add(PosixSignalRegistration.Create((PosixSignal)number, context =>
            {
                context.Cancel = true;
                deliver(number);
            }));
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
