using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ContainerInit.Readiness;
using Xunit;

namespace ContainerInit.Tests.Readiness;

public sealed class HttpsProbeSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_https_url_with_a_self_signed_certificate_is_ready_when_it_answers_2xx()
    {
        using X509Certificate2 certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(certificate);
            byte[] buffer = new byte[4096];
            int read = await tls.ReadAsync(buffer); // the request fits one read; its content does not matter here
            Assert.True(read > 0);
            await tls.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        });

        bool ready = await new HttpProbe(new Uri($"https://localhost:{port}/health")).IsReadyAsync(CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.True(ready);
        await server.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_server_that_is_not_http_is_not_ready()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray());
        });

        bool ready = await new HttpProbe(new Uri($"http://127.0.0.1:{port}/")).IsReadyAsync(CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.False(ready);
        await server.WaitAsync(Bound);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", 200)]
    [InlineData("HTTP/1.0 503 Service Unavailable\r\n", 503)]
    [InlineData("HTTP/1.1 2x0 OK\r\n", null)]
    [InlineData("HTTP/2 200\r\n", null)]
    [InlineData("", null)]
    public void The_status_line_is_parsed_strictly(string response, int? status)
    {
        Assert.Equal(status, HttpProbe.ParseStatus(System.Text.Encoding.ASCII.GetBytes(response)));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // SslStream on Linux needs a certificate whose key it can export: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }
}
