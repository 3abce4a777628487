using System.Net;
using System.Net.Sockets;

namespace ContainerInit.Tests.Infrastructure;

/// <summary>Helpers for running the init in supervisor mode over a config the test writes.</summary>
public static class SupervisorRun
{
    /// <summary>Writes init.toml into the folder and starts the init on it (as PID 1 unless told otherwise).</summary>
    public static async Task<InitProcess> StartAsync(TempDirectory temp, string toml, bool asPidOne = true,
        IReadOnlyDictionary<string, string?>? environment = null, bool waitUntilListening = true)
    {
        var path = temp.File_("init.toml");
        await File.WriteAllTextAsync(path, toml);
        return await InitProcess.StartAsync(["--config", path], asPidOne, environment: environment, waitUntilListening: waitUntilListening);
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A TOML basic string holding the text.</summary>
    public static string Toml(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A TOML array of basic strings.</summary>
    public static string TomlArray(params string[] items) => "[" + string.Join(", ", items.Select(Toml)) + "]";

    /// <summary>The index of the first log line containing the text, or -1.</summary>
    public static int LineOf(string log, string text) =>
        Array.FindIndex(log.Split('\n'), line => line.Contains(text, StringComparison.Ordinal));
}
