using Xunit;
using ContainerInit.Config;

namespace ContainerInit.Tests.Config;

/// <summary>A temporary directory holding config files for one test.</summary>
internal sealed class ConfigDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("container-init-config-").FullName;

    public Dictionary<string, string> Environment { get; } = new() { ["PATH"] = "/usr/bin:/bin" };

    /// <summary>Writes a file (relative to <see cref="Root"/>) and returns its full path.</summary>
    public string Write(string relativePath, string toml)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, toml.ReplaceLineEndings("\n"));
        return path;
    }

    public ConfigLoadResult Load(string relativePath = "init.toml") =>
        ConfigLoader.Load(Path.Combine(Root, relativePath), Environment);

    /// <summary>Writes init.toml and loads it, expecting success.</summary>
    public InitConfig LoadValid(string toml)
    {
        Write("init.toml", toml);
        var result = Load();
        Assert.True(result.Config is not null, "expected a valid config, got:\n" + string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Config!;
    }

    /// <summary>Writes init.toml and loads it, expecting diagnostics.</summary>
    public IReadOnlyList<ConfigDiagnostic> LoadInvalid(string toml)
    {
        Write("init.toml", toml);
        var result = Load();
        Assert.Null(result.Config);
        Assert.NotEmpty(result.Diagnostics);
        return result.Diagnostics;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test for.
        }
    }
}
