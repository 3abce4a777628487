using System.Net.Sockets;

namespace ContainerInit.Readiness;

/// <summary>Ready when a connection to a Unix domain socket succeeds (php-fpm's listen socket, for example).</summary>
public sealed class UnixSocketProbe(string path) : IReadinessProbe
{
    /// <summary>The socket's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            // ENOENT (not created yet) or ECONNREFUSED (created, not listening yet).
            return false;
        }
    }
}
