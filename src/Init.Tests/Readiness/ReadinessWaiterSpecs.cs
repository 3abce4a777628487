using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContainerInit.Config;
using ContainerInit.Readiness;
using Xunit;

namespace ContainerInit.Tests.Readiness;

public sealed class ReadinessWaiterSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("ci-ready-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadinessProbe Probe(ReadinessSpec spec) => ReadinessProbes.Create(spec, ProcessRunner.RunAsync);

    [Fact]
    public async Task A_unix_socket_that_starts_listening_later_is_seen_ready_soon_after()
    {
        string path = Path.Combine(_dir, "app.sock");
        var probe = new ObservedProbe(Probe(new ReadinessSpec.UnixSocket(path)));
        Task<bool> waiting = ReadinessWaiter.WaitAsync(probe, TimeSpan.FromSeconds(20));

        // Only once the waiter has seen "not ready" does the program start listening.
        await probe.NotReadySeen.WaitAsync(Bound);
        Assert.False(waiting.IsCompleted);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var sinceListening = Stopwatch.StartNew();

        Assert.True(await waiting.WaitAsync(Bound));
        // The interval never exceeds 100 ms; a generous bound for a busy machine.
        Assert.InRange(sinceListening.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_socket_file_without_a_listener_is_not_ready()
    {
        string path = Path.Combine(_dir, "bound-only.sock");
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path)); // the file exists, but no listen(): ECONNREFUSED

        Assert.False(await Probe(new ReadinessSpec.UnixSocket(path)).IsReadyAsync(CancellationToken.None).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_tcp_listener_is_ready_and_a_closed_port_times_out_in_bounds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.True(await ReadinessWaiter.WaitAsync(Probe(new ReadinessSpec.Tcp("127.0.0.1", port)), TimeSpan.FromSeconds(10)).WaitAsync(Bound));
        listener.Stop();

        var clock = Stopwatch.StartNew();
        Assert.False(await ReadinessWaiter.WaitAsync(Probe(new ReadinessSpec.Tcp("127.0.0.1", port)), TimeSpan.FromMilliseconds(300)).WaitAsync(Bound));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_http_url_is_ready_once_it_answers_2xx()
    {
        await using var server = new TinyHttpServer(unavailableAnswers: 2);
        var probe = new ObservedProbe(Probe(new ReadinessSpec.Http(new Uri($"http://127.0.0.1:{server.Port}/status?full"))));

        Assert.True(await ReadinessWaiter.WaitAsync(probe, TimeSpan.FromSeconds(20)).WaitAsync(Bound));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, probe.Checks);
        Assert.StartsWith("GET /status?full HTTP/1.1\r\n", server.Requests[0]);
        Assert.Contains($"\r\nHost: 127.0.0.1:{server.Port}\r\n", server.Requests[0]);
    }

    [Fact]
    public async Task An_http_url_that_keeps_answering_503_times_out()
    {
        await using var server = new TinyHttpServer(unavailableAnswers: int.MaxValue);
        var probe = Probe(new ReadinessSpec.Http(new Uri($"http://127.0.0.1:{server.Port}/")));

        Assert.False(await ReadinessWaiter.WaitAsync(probe, TimeSpan.FromMilliseconds(300)).WaitAsync(Bound));
        Assert.NotEmpty(server.Requests);
    }

    [Fact]
    public async Task A_file_that_appears_later_is_seen()
    {
        string path = Path.Combine(_dir, "ready");
        var probe = new ObservedProbe(Probe(new ReadinessSpec.FileExists(path)));
        Task<bool> waiting = ReadinessWaiter.WaitAsync(probe, TimeSpan.FromSeconds(20));

        await probe.NotReadySeen.WaitAsync(Bound);
        Assert.False(waiting.IsCompleted);
        await File.WriteAllTextAsync(path, "");

        Assert.True(await waiting.WaitAsync(Bound));
    }

    [Fact]
    public async Task An_exec_check_is_ready_when_the_command_exits_0()
    {
        string path = Path.Combine(_dir, "flag");
        var probe = new ObservedProbe(Probe(new ReadinessSpec.Exec(["/bin/sh", "-c", $"test -e '{path}'"])));
        // Starting a process can take a while on a busy machine: allow each check 10 s.
        Task<bool> waiting = ReadinessWaiter.WaitAsync(probe, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

        await probe.NotReadySeen.WaitAsync(Bound);
        await File.WriteAllTextAsync(path, "");

        Assert.True(await waiting.WaitAsync(Bound));
    }

    [Fact]
    public async Task An_exec_check_whose_command_does_not_exist_is_not_ready()
    {
        var probe = Probe(new ReadinessSpec.Exec([Path.Combine(_dir, "no-such-command")]));

        Assert.False(await probe.IsReadyAsync(CancellationToken.None).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_check_that_hangs_is_cut_off_and_the_wait_still_ends_at_the_timeout()
    {
        var clock = Stopwatch.StartNew();
        bool ready = await ReadinessWaiter.WaitAsync(new HangingProbe(), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10)).WaitAsync(Bound);

        Assert.False(ready);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_the_wait_throws()
    {
        using var cancel = new CancellationTokenSource();
        var probe = new ObservedProbe(Probe(new ReadinessSpec.FileExists(Path.Combine(_dir, "never"))));
        Task<bool> waiting = ReadinessWaiter.WaitAsync(probe, TimeSpan.FromSeconds(20), cancel.Token);

        await probe.NotReadySeen.WaitAsync(Bound);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
    }

    [Fact]
    public void The_factory_makes_the_probe_each_spec_describes()
    {
        Assert.IsType<UnixSocketProbe>(Probe(new ReadinessSpec.UnixSocket("/run/x.sock")));
        Assert.IsType<TcpProbe>(Probe(new ReadinessSpec.Tcp("localhost", 80)));
        Assert.IsType<HttpProbe>(Probe(new ReadinessSpec.Http(new Uri("https://localhost/"))));
        Assert.IsType<FileExistsProbe>(Probe(new ReadinessSpec.FileExists("/tmp/x")));
        Assert.IsType<ExecProbe>(Probe(new ReadinessSpec.Exec(["true"])));
    }

    /// <summary>A check that never answers on its own: only its cancellation ends it.</summary>
    private sealed class HangingProbe : IReadinessProbe
    {
        public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return true;
        }
    }
}
