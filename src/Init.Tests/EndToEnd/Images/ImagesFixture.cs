using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;
using Xunit;

namespace ContainerInit.Tests.EndToEnd.Images;

[CollectionDefinition(Name)]
public sealed class ImagesCollection : ICollectionFixture<ImagesFixture>
{
    public const string Name = "Images";
}

/// <summary>
/// Everything the image tests need, once per run: podman's Docker-compatible API (started here when
/// its socket does not answer), the Debian images built by .ci/images with the binary just published
/// into artifacts/bin, and the derived test images. Never skips: anything missing is a failure that
/// says what to do.
/// </summary>
public sealed class ImagesFixture : IAsyncLifetime
{
    public const string SocketPath = "/run/podman/podman.sock";
    public const string ImagePrefix = "localhost/php-container";
    public const string NginxPhpFpmImage = ImagePrefix + "/nginx-php-fpm:debian12";
    public const string SymfonyImage = ImagePrefix + "/symfony:debian12";
    public const string SymfonyBuildImage = ImagePrefix + "/symfony-build:debian12";
    public const string TestAppImage = "localhost/php-container-test/symfony-app:latest";
    public const string FailingStartupImage = "localhost/php-container-test/failing-startup:latest";

    private Process? _service;

    public string RepoRoot { get; } = FindRepoRoot();
    public string ContainersConf { get; } =
        Environment.GetEnvironmentVariable("CONTAINERS_CONF") is { Length: > 0 } conf ? conf : "/etc/containers-init-ci/containers.conf";
    public Uri DockerEndpoint { get; } = new("unix://" + SocketPath);
    public IDockerClient Client { get; private set; } = null!;

    private string FixturesDir => Path.Combine(RepoRoot, "src/Init.Tests/EndToEnd/Images/Fixtures");

    public async Task InitializeAsync()
    {
        // Testcontainers reads these once; no Ryuk (it does not run under podman here): every test
        // removes its own containers.
        Environment.SetEnvironmentVariable("DOCKER_HOST", DockerEndpoint.ToString());
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        Environment.SetEnvironmentVariable("CONTAINERS_CONF", ContainersConf);
        TestcontainersSettings.ResourceReaperEnabled = false;

        if (Environment.GetEnvironmentVariable("IMAGES_PREBUILT") == "1")
        {
            // Debugging aid: use the images as they are (e.g. built by hand); never a skip.
            foreach (var image in new[] { NginxPhpFpmImage, SymfonyImage, SymfonyBuildImage, TestAppImage, FailingStartupImage })
            {
                var exists = await PodmanTryAsync(["image", "exists", image], TimeSpan.FromSeconds(30));
                if (exists.ExitCode != 0)
                {
                    throw new InvalidOperationException($"IMAGES_PREBUILT=1 but {image} does not exist: run `bash .ci/images` and unset IMAGES_PREBUILT so that the fixture builds the test images.");
                }
            }
        }
        else
        {
            await BuildImagesAsync();
        }

        await EnsureServiceAsync();
        Client = new DockerClientBuilder().WithEndpoint(DockerEndpoint).Build();
    }

    private async Task BuildImagesAsync()
    {
        // .ci/images installs podman when missing, writes CONTAINERS_CONF, builds the base image when
        // missing and the product images (cached layers; the binary layer changes with each publish).
        var binary = Path.Combine(RepoRoot, "artifacts/bin/container-init");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"{binary} is missing: the test project publishes it before building; run `dotnet test src/Init.Tests` or `dotnet publish src/Init/Init.csproj -c Release -r linux-x64 -o artifacts/bin`.");
        }
        await RunAsync("bash", [Path.Combine(RepoRoot, ".ci/images")], TimeSpan.FromMinutes(20), "building the images with .ci/images");

        await PodmanAsync(["build", "--format", "docker", "--layers", "--build-arg", $"BASE_IMAGE={SymfonyImage}",
            "-t", TestAppImage, Path.Combine(FixturesDir, "symfony-app")], TimeSpan.FromMinutes(10), "building the test application image");
        await PodmanAsync(["build", "--format", "docker", "--layers", "--build-arg", $"BASE_IMAGE={TestAppImage}",
            "-t", FailingStartupImage, Path.Combine(FixturesDir, "failing-startup")], TimeSpan.FromMinutes(5), "building the failing-startup image");
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_service is { HasExited: false })
        {
            // Only the service this fixture started, by its pid.
            _service.Kill(entireProcessTree: true);
            _service.WaitForExit(5000);
        }
        _service?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs podman's CLI with this fixture's CONTAINERS_CONF; throws with its output on failure.</summary>
    public Task<BufferedCommandResult> PodmanAsync(IReadOnlyList<string> args, TimeSpan timeout, string what) =>
        RunAsync("podman", args, timeout, what);

    /// <summary>Runs podman's CLI and returns its result whatever the exit code.</summary>
    public async Task<BufferedCommandResult> PodmanTryAsync(IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await CliWrap.Cli.Wrap("podman").WithArguments(args)
            .WithEnvironmentVariables(e => e.Set("CONTAINERS_CONF", ContainersConf))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cts.Token);
    }

    private async Task<BufferedCommandResult> RunAsync(string program, IReadOnlyList<string> args, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        BufferedCommandResult result;
        try
        {
            result = await CliWrap.Cli.Wrap(program).WithArguments(args)
                .WithWorkingDirectory(RepoRoot)
                .WithEnvironmentVariables(e => e.Set("CONTAINERS_CONF", ContainersConf))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{what}: `{program} {string.Join(' ', args)}` ran past {timeout}.");
        }
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{what}: `{program} {string.Join(' ', args)}` exited {result.ExitCode}.\n--- stdout (tail)\n{Tail(result.StandardOutput)}\n--- stderr (tail)\n{Tail(result.StandardError)}");
        }
        return result;
    }

    private async Task EnsureServiceAsync()
    {
        if (await PingAsync())
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        var psi = new ProcessStartInfo("podman", ["system", "service", "--time=0", DockerEndpoint.ToString()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["CONTAINERS_CONF"] = ContainersConf;
        var service = Process.Start(psi) ?? throw new InvalidOperationException("could not start `podman system service`");
        var output = new StringBuilder();
        service.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        service.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        _service = service;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await PingAsync())
            {
                return;
            }
            if (service.HasExited)
            {
                break;
            }
            await Task.Delay(200);
        }
        string log;
        lock (output) { log = output.ToString(); }
        throw new InvalidOperationException(
            $"podman's API did not answer on {SocketPath} within 30 s (`podman system service` {(service.HasExited ? $"exited {service.ExitCode}" : "still running")}):\n{Tail(log)}");
    }

    /// <summary>GET /_ping on the socket; true on "OK".</summary>
    private static async Task<bool> PingAsync()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }
        try
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
            var body = await http.GetStringAsync("http://podman/_ping");
            return body.Trim() == "OK";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    internal static string Tail(string text, int lines = 40)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string FindRepoRoot()
    {
        var fromBuild = typeof(ImagesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, ".ci/images")))
        {
            return Path.GetFullPath(fromBuild);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".ci/images")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (a folder with .ci/images) above " + AppContext.BaseDirectory);
    }
}
