using ContainerInit.Cli;
using ContainerInit.Processes;

namespace ContainerInit.CommandMode;

/// <summary>How command mode passes a signal on to CMD: rewritten as asked (`--rewrite`), to CMD or its group (`--group`).</summary>
internal static class SignalForwarding
{
    internal static void Forward(ChildProcess child, int signal, CommandModeOptions options)
    {
        if (options.Rewrites.TryGetValue(signal, out var rewritten))
        {
            // A rewrite to 0 drops the signal.
            if (rewritten == 0) return;
            signal = rewritten;
        }
        child.Signal(signal, options.ToGroup);
    }
}
