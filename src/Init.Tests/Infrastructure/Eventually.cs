namespace ContainerInit.Tests.Infrastructure;

/// <summary>Waits for a condition about the outside world (a file, a process state) with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            await Task.Delay(5);
        }
    }

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        await ValueAsync(() => condition() ? "" : null, timeout, what);
    }
}
