using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContainerInit.Tests.Readiness;

/// <summary>An HTTP server on 127.0.0.1 that answers the first requests with 503, then 200.</summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _unavailableAnswers;
    private readonly List<string> _requests = [];

    public TinyHttpServer(int unavailableAnswers)
    {
        _unavailableAnswers = unavailableAnswers;
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                using NetworkStream stream = client.GetStream();
                var request = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                int index;
                lock (_requests)
                {
                    _requests.Add(request.ToString());
                    index = _requests.Count;
                }
                string status = index <= _unavailableAnswers ? "503 Service Unavailable" : "200 OK";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        _listener.Stop();
        _stop.Dispose();
    }
}
