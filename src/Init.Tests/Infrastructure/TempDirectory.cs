namespace ContainerInit.Tests.Infrastructure;

/// <summary>A scratch folder removed with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("container-init-test-").FullName;
        // Programs run as other users in some tests must reach their files.
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
    }

    public string Path { get; }

    public string File_(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes an executable script and returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = File_(name);
        File.WriteAllText(path, body.StartsWith("#!", StringComparison.Ordinal) ? body : "#!/bin/bash\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>The lines of a file the test's processes write; none while it does not exist yet.</summary>
    public string[] Lines(string name) => File.Exists(File_(name)) ? File.ReadAllLines(File_(name)) : [];

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
