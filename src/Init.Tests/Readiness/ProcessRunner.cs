using System.Diagnostics;

namespace ContainerInit.Tests.Readiness;

/// <summary>The tests' stand-in for the init's spawner: runs argv, returns the exit status, kills it on cancellation.</summary>
internal static class ProcessRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(argv[0]);
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }
}
