using System.Net.Sockets;

namespace ContainerInit.Readiness;

/// <summary>Ready when a TCP connection to HOST:PORT succeeds.</summary>
public sealed class TcpProbe(string host, int port) : IReadinessProbe
{
    /// <summary>A host name or address.</summary>
    public string Host { get; } = host;

    /// <summary>The TCP port.</summary>
    public int Port { get; } = port;

    /// <inheritdoc />
    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            // TcpClient tries every address the name resolves to (localhost: ::1, then 127.0.0.1).
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
