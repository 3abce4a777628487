using System.Reflection;

namespace ContainerInit.Tests.Infrastructure;

/// <summary>Where the repository and the published binary are.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The published native binary (the test project publishes it before it builds).</summary>
    public static string InitBinary { get; } = Environment.GetEnvironmentVariable("CONTAINER_INIT_BINARY")
        ?? Path.Combine(RepoRoot, "artifacts", "bin", "container-init");
}
