using ContainerInit.Readiness;

namespace ContainerInit.Tests.Readiness;

/// <summary>Wraps a probe to tell the test when it has answered "not ready", so ordering needs no sleeps.</summary>
internal sealed class ObservedProbe(IReadinessProbe inner) : IReadinessProbe
{
    private readonly TaskCompletionSource _notReadySeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _checks;

    public Task NotReadySeen => _notReadySeen.Task;

    public int Checks => Volatile.Read(ref _checks);

    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        bool ready = await inner.IsReadyAsync(cancellationToken);
        if (!ready)
        {
            _notReadySeen.TrySetResult();
        }
        return ready;
    }
}
