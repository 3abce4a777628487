namespace ContainerInit.Readiness;

/// <summary>Ready when a command exits with status 0.</summary>
/// <remarks>
/// The command is run through a delegate from the supervisor, so that it is spawned and reaped by
/// the init's own spawner (as PID 1 the init reaps every child; a second, independent waitpid
/// would race with it).
/// </remarks>
public sealed class ExecProbe(IReadOnlyList<string> command, Func<IReadOnlyList<string>, CancellationToken, Task<int>> runCommand) : IReadinessProbe
{
    /// <summary>argv of the check command.</summary>
    public IReadOnlyList<string> Command { get; } = command;

    /// <inheritdoc />
    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await runCommand(Command, cancellationToken).ConfigureAwait(false) == 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not found, not executable: not ready; the timeout then reports the program as failed.
            return false;
        }
    }
}
