using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace ContainerInit.Readiness;

/// <summary>Ready when a GET of an http:// or https:// URL answers with a 2xx status.</summary>
/// <remarks>
/// A hand-rolled HTTP/1.1 GET with "Connection: close" over a socket, not HttpClient: we need only
/// the status line, and HttpClient would add its whole handler stack to the native binary.
/// For https:// the certificate is not validated: a readiness probe asks whether the server
/// answers, not whether to trust it, and local servers often use self-signed certificates.
/// TLS (SslStream and its OpenSSL interop) adds about 3.4 MB to the native binary; a build may
/// drop it with the feature switch <see cref="HttpsSwitch"/> set to false (see docs/output.md).
/// </remarks>
public sealed class HttpProbe : IReadinessProbe
{
    /// <summary>The AppContext switch that keeps https:// probes (true, the default) or trims TLS out of the binary (false).</summary>
    public const string HttpsSwitch = "ContainerInit.Readiness.Https";

    // With RuntimeHostConfigurationOption Trim="true", the trimmer sees this as a constant and
    // removes the TLS branch, and SslStream with it.
    [FeatureSwitchDefinition(HttpsSwitch)]
    internal static bool IsHttpsSupported => !AppContext.TryGetSwitch(HttpsSwitch, out bool enabled) || enabled;

    // A status line is short; a server that sends more than this without a line end is not ready.
    private const int MaxStatusLineBytes = 1024;

    private readonly byte[] _request;

    /// <summary>Creates a probe for <paramref name="url"/> (http or https, absolute).</summary>
    public HttpProbe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"a readiness URL must be absolute http:// or https://, not '{url}'", nameof(url));
        }
        if (url.Scheme == Uri.UriSchemeHttps && !IsHttpsSupported)
        {
            throw new ArgumentException($"this build of container-init has no TLS, so it cannot probe '{url}'; probe the port with tcp:HOST:PORT or an http:// status URL instead", nameof(url));
        }
        Url = url;
        string host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        _request = Encoding.ASCII.GetBytes(
            $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: container-init\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    }

    /// <summary>The URL to GET.</summary>
    public Uri Url { get; }

    /// <inheritdoc />
    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Url.DnsSafeHost, Url.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = client.GetStream();
            if (Url.Scheme == Uri.UriSchemeHttps && IsHttpsSupported)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = Url.IdnHost,
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                }, cancellationToken).ConfigureAwait(false);
                stream = tls;
            }
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(_request, cancellationToken).ConfigureAwait(false);
                int? status = await ReadStatusAsync(stream, cancellationToken).ConfigureAwait(false);
                return status is >= 200 and <= 299;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            return false;
        }
    }

    /// <summary>Reads "HTTP/1.x NNN ..." and returns NNN, or null when the answer is not HTTP.</summary>
    private static async Task<int?> ReadStatusAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxStatusLineBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (buffer.AsSpan(0, length).IndexOf((byte)'\n') >= 0)
            {
                break;
            }
        }
        return ParseStatus(buffer.AsSpan(0, length));
    }

    internal static int? ParseStatus(ReadOnlySpan<byte> response)
    {
        // "HTTP/1.1 200 OK": the version, one space, three digits.
        if (response.Length < 12 || !response.StartsWith("HTTP/1."u8) || response[8] != (byte)' ')
        {
            return null;
        }
        ReadOnlySpan<byte> digits = response.Slice(9, 3);
        int status = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return null;
            }
            status = status * 10 + (b - '0');
        }
        return status;
    }
}
