namespace ContainerInit.Processes;

/// <summary>
/// The pids whose exit status belongs to a <see cref="System.Diagnostics.Process"/> object.
/// </summary>
/// <remarks>
/// When the init is not PID 1 the runtime reaps only its own children, so the init must reap orphans
/// re-parented to it as subreaper, and must never reap a pid a Process owns (the runtime would lose its status
/// and WaitForExit would hang). A child can exit before Process.Start returns its pid, so starting and
/// registering happen under the same lock the reaper takes.
/// </remarks>
internal static class ChildRegistry
{
    private static readonly HashSet<int> Owned = [];

    /// <summary>The lock shared by spawning and reaping.</summary>
    internal static readonly Lock Gate = new();

    internal static void Add(int pid)
    {
        System.Diagnostics.Debug.Assert(Gate.IsHeldByCurrentThread);
        Owned.Add(pid);
    }

    internal static void Remove(int pid)
    {
        lock (Gate) Owned.Remove(pid);
    }

    internal static bool IsOwned(int pid)
    {
        System.Diagnostics.Debug.Assert(Gate.IsHeldByCurrentThread);
        return Owned.Contains(pid);
    }
}
