using System.Diagnostics;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ContainerInit.Tests.EndToEnd.Images;

/// <summary>The result of a container run to its end.</summary>
public sealed record ContainerRun(long ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Logs => Stdout + Stderr;
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{ImagesFixture.Tail(Stdout)}\n--- stderr\n{ImagesFixture.Tail(Stderr)}";
}

/// <summary>Starting, polling and ending containers of the images under test, every wait bounded.</summary>
public static class ImageContainers
{
    public const int HttpPort = 8080;

    /// <summary>A container of the whole stack (the image's ENTRYPOINT and empty CMD), port 8080 published on a random host port.</summary>
    public static async Task<IContainer> StartStackAsync(ImagesFixture fixture, string image, CancellationToken ct = default)
    {
        var container = new ContainerBuilder(image)
            .WithDockerEndpoint(fixture.DockerEndpoint.ToString())
            .WithImagePullPolicy(_ => false)
            .WithName("ci-images-" + Guid.NewGuid().ToString("N")[..12])
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithAutoRemove(false)
            .Build();
        try
        {
            await container.StartAsync(ct);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
        return container;
    }

    public static Uri BaseUri(IContainer container) => new($"http://127.0.0.1:{container.GetMappedPublicPort(HttpPort)}/");

    /// <summary>Polls GET / until it answers 200, or fails with the container's logs after the deadline.</summary>
    public static async Task<string> WaitUntilServingAsync(ImagesFixture fixture, IContainer container, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < within)
        {
            // Testcontainers' State is cached: ask the engine.
            var inspect = await fixture.Client.Containers.InspectContainerAsync(container.Id);
            if (inspect.State?.Running != true)
            {
                last = $"the container is {inspect.State?.Status}, exit code {inspect.State?.ExitCode}";
                break;
            }
            try
            {
                using var response = await http.GetAsync(BaseUri(container));
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 200)
                {
                    return body;
                }
                last = $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        var (stdout, stderr) = await container.GetLogsAsync();
        throw new TimeoutException(
            $"the container did not serve 200 on / within {within.TotalSeconds} s ({last})\n--- stdout\n{ImagesFixture.Tail(stdout)}\n--- stderr\n{ImagesFixture.Tail(stderr)}");
    }

    /// <summary>Polls the engine until the container is no longer running; returns its inspect.</summary>
    public static async Task<ContainerInspectResponse> WaitUntilExitedAsync(IDockerClient client, string id, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var inspect = await client.Containers.InspectContainerAsync(id);
            if (inspect.State?.Running != true)
            {
                return inspect;
            }
            if (watch.Elapsed > within)
            {
                throw new TimeoutException($"container {id[..12]} still running after {within.TotalSeconds} s (status {inspect.State?.Status})");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Creates a container without auto-remove (podman 4.3 loses exit codes with it), runs it to its
    /// end within the deadline, reads its exit code and logs, and removes it.
    /// </summary>
    public static async Task<ContainerRun> RunToExitAsync(IDockerClient client, string image, IList<string>? cmd, TimeSpan within,
        IList<string>? entrypoint = null, IList<string>? env = null)
    {
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Name = "ci-images-" + Guid.NewGuid().ToString("N")[..12],
            Cmd = cmd!,
            Entrypoint = entrypoint!,
            Env = env!,
            HostConfig = new HostConfig { AutoRemove = false },
        });
        var watch = Stopwatch.StartNew();
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            var inspect = await WaitUntilExitedAsync(client, created.ID, within);
            var elapsed = watch.Elapsed;
            var (stdout, stderr) = await LogsAsync(client, created.ID);
            return new ContainerRun(inspect.State?.ExitCode ?? -1, stdout, stderr, elapsed);
        }
        finally
        {
            await RemoveAsync(client, created.ID);
        }
    }

    public static async Task<(string Stdout, string Stderr)> LogsAsync(IDockerClient client, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = false,
        }, cts.Token);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cts.Token);
        return (stdout, stderr);
    }

    public static async Task RemoveAsync(IDockerClient client, string id)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    /// <summary>Runs a command in the container and returns (exit code, stdout + stderr).</summary>
    public static async Task<(long ExitCode, string Output)> ExecAsync(IContainer container, params string[] command)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await container.ExecAsync(command, cts.Token);
        var output = new StringBuilder().Append(result.Stdout).Append(result.Stderr).ToString();
        return (result.ExitCode ?? -1, output);
    }
}
