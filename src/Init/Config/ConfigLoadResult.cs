namespace ContainerInit.Config;

/// <summary>The outcome of loading a config: the config when valid, else every problem found.</summary>
/// <param name="Config">Null when <paramref name="Diagnostics"/> is not empty.</param>
public sealed record ConfigLoadResult(InitConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    /// <summary>True when the config loaded without a problem.</summary>
    public bool Success => Config is not null;
}
