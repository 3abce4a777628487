using System.Diagnostics;

namespace ContainerInit.Readiness;

/// <summary>Waits until a probe reports ready, or a timeout passes.</summary>
/// <remarks>
/// This polls, on purpose: whether another process has started listening on a socket or written
/// a file has no event we could wait on (inotify would cover files only, and a socket file exists
/// before its listen() call). So we check at once, then after 2 ms, doubling up to 10 ms between
/// checks for the first two seconds (most programs get ready in that time, and start-up latency is
/// what users see), then up to 100 ms: a slow one costs at most ten cheap checks a second.
/// </remarks>
public static class ReadinessWaiter
{
    /// <summary>The first pause between two checks.</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>The longest pause between two checks during <see cref="FastPhase"/>.</summary>
    public static readonly TimeSpan FastInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>How long checks stay frequent.</summary>
    public static readonly TimeSpan FastPhase = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between two checks.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one check may take (a connect to a host that drops packets would hang far longer).</summary>
    public static readonly TimeSpan DefaultCheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Checks <paramref name="probe"/> until it is ready (true) or <paramref name="timeout"/> has
    /// passed (false); each check is bounded by <see cref="DefaultCheckTimeout"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<bool> WaitAsync(IReadinessProbe probe, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(probe, timeout, DefaultCheckTimeout, cancellationToken);

    /// <summary>As <see cref="WaitAsync(IReadinessProbe, TimeSpan, CancellationToken)"/>, each check bounded by <paramref name="checkTimeout"/> (an exec probe may need longer than a connect).</summary>
    public static async Task<bool> WaitAsync(IReadinessProbe probe, TimeSpan timeout, TimeSpan checkTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        long start = Stopwatch.GetTimestamp();
        TimeSpan interval = FirstInterval;
        while (true)
        {
            TimeSpan remaining = timeout - Stopwatch.GetElapsedTime(start);
            TimeSpan bound = remaining < checkTimeout ? remaining : checkTimeout;
            if (bound > TimeSpan.Zero && await CheckOnceAsync(probe, bound, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            remaining = timeout - Stopwatch.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }
            await Task.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            var cap = Stopwatch.GetElapsedTime(start) < FastPhase ? FastInterval : MaxInterval;
            interval = interval * 2 < cap ? interval * 2 : cap;
        }
    }

    private static async Task<bool> CheckOnceAsync(IReadinessProbe probe, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        check.CancelAfter(bound);
        try
        {
            return await probe.IsReadyAsync(check.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // This check ran past its bound: not ready (yet).
            return false;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A probe that fails in an unforeseen way is not ready; the overall timeout still ends the wait.
            return false;
        }
    }
}
