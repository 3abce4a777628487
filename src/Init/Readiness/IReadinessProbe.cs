namespace ContainerInit.Readiness;

/// <summary>One check of whether a program is ready to serve.</summary>
public interface IReadinessProbe
{
    /// <summary>Checks once; false when not ready yet (refused, missing, failing), never throws for that.</summary>
    ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken);
}
