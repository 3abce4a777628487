namespace ContainerInit.Readiness;

/// <summary>Ready when a path exists: a file, a directory, a socket or anything else.</summary>
public sealed class FileExistsProbe(string path) : IReadinessProbe
{
    /// <summary>The path to look for.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(File.Exists(Path) || Directory.Exists(Path));
}
