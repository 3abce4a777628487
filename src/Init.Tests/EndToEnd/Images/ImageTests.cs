using System.Diagnostics;
using Docker.DotNet.Models;
using Xunit;
using Xunit.Abstractions;
using static ContainerInit.Tests.EndToEnd.Images.ImageContainers;

namespace ContainerInit.Tests.EndToEnd.Images;

/// <summary>
/// The Debian flavour of the images, run for real under podman: container-init as PID 1 over nginx
/// and php-fpm, with the Symfony startup scripts and a minimal Symfony 5.4 application.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageTests(ImagesFixture fixture, ITestOutputHelper output)
{
    private const string AppDir = "/var/www/html/app";
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serves_the_php_application_through_nginx_on_8080()
    {
        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);
        var body = await WaitUntilServingAsync(fixture, container, StartWithin);
        Assert.Contains("Hello from Symfony 5.4", body);
        Assert.Contains("env prod", body);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var slow = await http.GetStringAsync(new Uri(BaseUri(container), "slow?seconds=0"));
        Assert.Contains("slept", slow);

        // Only the application is public: no direct PHP files, no dot files, no php-fpm ping or status page.
        foreach (var path in new[] { "index.php", "fpm-ping", "status", ".env", "../composer.json" })
        {
            using var response = await http.GetAsync(new Uri(BaseUri(container), path));
            Assert.True((int)response.StatusCode == 404, $"GET /{path} answered {(int)response.StatusCode}, expected 404");
        }

        // A worker's stderr reaches the container's stderr undecorated (no "child 12 said into stderr").
        var marker = "worker-line-" + Guid.NewGuid().ToString("N");
        Assert.Contains("logged", await http.GetStringAsync(new Uri(BaseUri(container), $"log?line={marker}")));

        // The access log reaches the container's stdout. Logs may trail: poll for both lines.
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            // Testcontainers prefixes each line with a timestamp and a space; nothing else may be added.
            var undecorated = stderr.Split('\n').Select(l => l.TrimEnd('\r')).Any(l => l == marker || l.EndsWith("Z " + marker, StringComparison.Ordinal));
            if (stdout.Contains("\"GET / HTTP/1.1\" 200", StringComparison.Ordinal) && undecorated)
            {
                break;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15),
                $"access log line on stdout or undecorated worker line {marker} on stderr missing\n--- stdout\n{ImagesFixture.Tail(stdout)}\n--- stderr\n{ImagesFixture.Tail(stderr)}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Symfony_cache_is_cleared_and_warmed_at_start_not_at_build()
    {
        // Not in the image (the entrypoint is bypassed: no startup script runs here).
        var inImage = await RunToExitAsync(fixture.Client, ImagesFixture.TestAppImage,
            ["-c", $"test ! -e {AppDir}/var/cache/prod"], TimeSpan.FromSeconds(60), entrypoint: ["/bin/sh"]);
        Assert.True(inImage.ExitCode == 0, $"{AppDir}/var/cache/prod exists in the image: {inImage}");

        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);
        await WaitUntilServingAsync(fixture, container, StartWithin);

        var (code, text) = await ExecAsync(container, "sh", "-c", $"ls {AppDir}/var/cache/prod && test -f {AppDir}/var/cache/prod/App_KernelProdContainer.php");
        Assert.True(code == 0, $"warmed cache missing at run time: {text}");

        // The scripts announce themselves on stderr (Symfony's own output goes to stdout).
        var (_, stderr) = await container.GetLogsAsync();
        var clear = stderr.IndexOf("10-clear-cache: clearing the Symfony cache (APP_ENV=prod, APP_DEBUG=0)", StringComparison.Ordinal);
        var warm = stderr.IndexOf("90-warm-cache: warming the Symfony cache (APP_ENV=prod, APP_DEBUG=0)", StringComparison.Ordinal);
        Assert.True(clear >= 0 && warm > clear, "startup scripts did not both run, in order:\n" + ImagesFixture.Tail(stderr));
    }

    [Fact]
    public async Task Docker_stop_is_graceful_inside_10_seconds_and_finishes_the_request_in_flight()
    {
        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);
        await WaitUntilServingAsync(fixture, container, StartWithin);

        var marker = Guid.NewGuid().ToString("N");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var slow = http.GetAsync(new Uri(BaseUri(container), $"slow?seconds=3&marker={marker}"));

        // Stop only once the request is in PHP's hands.
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (code, _) = await ExecAsync(container, "test", "-e", $"/tmp/slow-{marker}");
            if (code == 0)
            {
                break;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the slow request never reached PHP");
            Assert.False(slow.IsCompleted, "the slow request ended before it reached PHP: " + (slow.IsFaulted ? slow.Exception?.Message : "completed"));
            await Task.Delay(50);
        }

        var stopWatch = Stopwatch.StartNew();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await fixture.Client.Containers.StopContainerAsync(container.Id,
                new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, cts.Token);
        }
        var inspect = await WaitUntilExitedAsync(fixture.Client, container.Id, TimeSpan.FromSeconds(30));
        var stopTook = stopWatch.Elapsed;

        using var response = await slow;
        var body = await response.Content.ReadAsStringAsync();
        var (stdout, stderr) = await LogsAsync(fixture.Client, container.Id);
        output.WriteLine($"stop took {stopTook.TotalSeconds:F2} s; exit {inspect.State!.ExitCode}\n{ImagesFixture.Tail(stderr)}");

        Assert.True((int)response.StatusCode == 200, $"in-flight request answered {(int)response.StatusCode}: {body}");
        Assert.Contains("slept 3.0 s", body);
        Assert.True(stopTook < TimeSpan.FromSeconds(8), $"docker stop took {stopTook.TotalSeconds:F1} s (the engine kills at 10 s)");
        Assert.True(inspect.State!.ExitCode == 0, $"exit {inspect.State!.ExitCode} (OOMKilled {inspect.State!.OOMKilled})\n--- stdout\n{ImagesFixture.Tail(stdout)}\n--- stderr\n{ImagesFixture.Tail(stderr)}");
    }

    [Fact]
    public async Task A_failing_startup_script_stops_the_container_with_its_status_and_name()
    {
        var run = await RunToExitAsync(fixture.Client, ImagesFixture.FailingStartupImage, cmd: null, TimeSpan.FromSeconds(120));
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 3, $"expected exit 3 from 50-fail: {run}");
        // The init's log names the script and its status (the script does not print its name).
        Assert.Contains(run.Logs.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"50-fail\b.*\b3\b"));
        Assert.Contains("10-clear-cache: clearing", run.Logs);
        // The boot stopped there: no later script, no program.
        Assert.DoesNotContain("90-warm-cache: warming", run.Logs);
        Assert.DoesNotContain("ready to handle connections", run.Logs);
    }

    [Fact]
    public async Task Killing_the_nginx_master_makes_the_container_exit_non_zero()
    {
        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);
        await WaitUntilServingAsync(fixture, container, StartWithin);

        var (code, text) = await ExecAsync(container, "sh", "-c", "pid=\"$(cat /run/nginx/nginx.pid)\" && echo \"killing $pid\" && kill -9 \"$pid\"");
        output.WriteLine(text);
        Assert.True(code == 0, "could not kill the nginx master: " + text);

        Docker.DotNet.Models.ContainerInspectResponse inspect;
        try
        {
            inspect = await WaitUntilExitedAsync(fixture.Client, container.Id, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            var (_, ps) = await ExecAsync(container, "sh", "-c", "for p in /proc/[0-9]*; do echo \"${p#/proc/} $(tr '\\0' ' ' <$p/cmdline) $(grep State: $p/status)\"; done");
            var (so, se) = await container.GetLogsAsync();
            throw new TimeoutException($"{e.Message}\n--- processes\n{ps}\n--- logs\n{ImagesFixture.Tail(so + se)}", e);
        }
        var (stdout, stderr) = await LogsAsync(fixture.Client, container.Id);
        output.WriteLine($"exit {inspect.State!.ExitCode}\n{ImagesFixture.Tail(stderr)}");
        Assert.True(inspect.State!.ExitCode != 0, $"container exited 0 after its nginx master was killed\n{ImagesFixture.Tail(stdout + stderr)}");
    }

    [Fact]
    public async Task Runs_as_fpm_app_and_cannot_change_its_startup_scripts()
    {
        var image = await fixture.Client.Images.InspectImageAsync(ImagesFixture.TestAppImage);
        var config = image.Config!;
        Assert.Equal("fpm-app", config.User);
        Assert.Equal(["/usr/sbin/container-init"], config.Entrypoint);
        Assert.Contains("8080/tcp", config.ExposedPorts!.Keys);
        Assert.Equal("SIGTERM", config.StopSignal);

        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);
        var body = await WaitUntilServingAsync(fixture, container, StartWithin);
        Assert.Contains("user fpm-app", body);

        // PID 1 (the init), the nginx and php-fpm masters and every other process: fpm-app.
        var (code, owners) = await ExecAsync(container, "sh", "-c",
            "for p in /proc/[0-9]*; do stat -c '%U %n' \"$p\" 2>/dev/null; done; echo; tr '\\0' ' ' </proc/1/cmdline");
        Assert.True(code == 0, owners);
        output.WriteLine(owners);
        var lines = owners.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Trim() == "fpm-app /proc/1");
        Assert.DoesNotContain(lines, l => l.StartsWith("root ", StringComparison.Ordinal));
        Assert.Contains("/usr/sbin/container-init", lines[^1]);

        var (writable, _) = await ExecAsync(container, "sh", "-c",
            "test -w /usr/libexec/php-container/startup.d || test -w /usr/libexec/php-container/startup.d/10-clear-cache || test -w /etc/container-init/init.toml || test -w /etc/container-init/conf.d");
        Assert.True(writable != 0, "fpm-app can write the startup scripts or the init's config");
    }

    [Fact]
    public async Task Php_v_runs_as_a_command_under_the_init()
    {
        var run = await RunToExitAsync(fixture.Client, ImagesFixture.TestAppImage, ["php", "-v"], TimeSpan.FromSeconds(60));
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PHP 8.2", run.Stdout);
        // Command mode runs no startup script.
        Assert.DoesNotContain("clear-cache", run.Logs);
    }

    [Fact]
    public async Task Healthcheck_turns_healthy()
    {
        await using var container = await StartStackAsync(fixture, ImagesFixture.TestAppImage);

        // podman 4.3 schedules health checks with systemd timers, and there is no systemd here:
        // run them ourselves, as the engine would at the image's interval.
        var watch = Stopwatch.StartNew();
        string last = "";
        while (true)
        {
            var run = await fixture.PodmanTryAsync(["healthcheck", "run", container.Id], TimeSpan.FromSeconds(30));
            last = $"exit {run.ExitCode}: {run.StandardOutput.Trim()} {run.StandardError.Trim()}";
            var inspect = await fixture.Client.Containers.InspectContainerAsync(container.Id);
            if (run.ExitCode == 0 && inspect.State!.Health?.Status == "healthy")
            {
                break;
            }
            Assert.True(inspect.State!.Running == true, "the container stopped: " + last);
            if (watch.Elapsed > StartWithin)
            {
                var (stdout, stderr) = await container.GetLogsAsync();
                Assert.Fail($"not healthy within {StartWithin.TotalSeconds} s (health {inspect.State!.Health?.Status}; last check {last})\n{ImagesFixture.Tail(stdout + stderr)}");
            }
            await Task.Delay(500);
        }
        output.WriteLine($"healthy after {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData(ImagesFixture.NginxPhpFpmImage)]
    [InlineData(ImagesFixture.SymfonyImage)]
    [InlineData(ImagesFixture.SymfonyBuildImage)]
    public async Task Configs_pass_nginx_t_php_fpm_t_and_the_inits_check(string image)
    {
        var tools = await RunToExitAsync(fixture.Client, image,
            ["-c", "nginx -t -q -e stderr -c /etc/nginx/nginx.conf && php-fpm -t --fpm-config /etc/php-fpm.conf && php-fpm -t"],
            TimeSpan.FromSeconds(60), entrypoint: ["/bin/sh"]);
        Assert.True(tools.ExitCode == 0, tools.ToString());

        // `docker run IMAGE check`: the verb reaches container-init, which validates init.toml and conf.d.
        var check = await RunToExitAsync(fixture.Client, image, ["check"], TimeSpan.FromSeconds(60));
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Symfony_build_has_composer_git_unzip_and_make()
    {
        var run = await RunToExitAsync(fixture.Client, ImagesFixture.SymfonyBuildImage,
            ["sh", "-c", "composer --version && git --version && unzip -v >/dev/null && make --version"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Composer", run.Stdout);
    }

    [Fact]
    public async Task Nginx_php_fpm_image_runs_without_an_application_and_stops_with_0()
    {
        await using var container = await StartStackAsync(fixture, ImagesFixture.NginxPhpFpmImage);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (code, text) = await ExecAsync(container, "curl", "-fsS", "http://127.0.0.1:8081/fpm-ping");
            if (code == 0 && text.Contains("pong", StringComparison.Ordinal))
            {
                break;
            }
            var state = await fixture.Client.Containers.InspectContainerAsync(container.Id);
            Assert.True(state.State?.Running == true, "the container stopped: " + text);
            Assert.True(watch.Elapsed < StartWithin, "php-fpm's ping page never answered: " + text);
            await Task.Delay(250);
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await fixture.Client.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, cts.Token);
        }
        var inspect = await WaitUntilExitedAsync(fixture.Client, container.Id, TimeSpan.FromSeconds(30));
        Assert.Equal(0, inspect.State!.ExitCode);
    }

    [Fact]
    public async Task A_drop_in_in_conf_d_adds_a_program_and_changes_a_setting()
    {
        // As a derived image would (conf.d is root's: write it as root), then `container-init check`.
        const string dropIn = """
            [init]
            shutdown_timeout = 30

            [program.messenger]
            command = ["php", "/var/www/html/app/bin/console", "about"]
            directory = "/var/www/html/app"
            priority = 30
            after = ["php-fpm"]
            autorestart = true
            """;
        var created = await fixture.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = ImagesFixture.TestAppImage,
            Name = "ci-images-" + Guid.NewGuid().ToString("N")[..12],
            User = "root",
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = ["printf '%s\\n' \"$DROP_IN\" > /etc/container-init/conf.d/50-messenger.toml && /usr/sbin/container-init check"],
            Env = ["DROP_IN=" + dropIn],
            HostConfig = new HostConfig { AutoRemove = false },
        });
        try
        {
            await fixture.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            var inspect = await WaitUntilExitedAsync(fixture.Client, created.ID, TimeSpan.FromSeconds(60));
            var (stdout, stderr) = await LogsAsync(fixture.Client, created.ID);
            output.WriteLine(stdout + stderr);
            Assert.True(inspect.State!.ExitCode == 0, $"exit {inspect.State.ExitCode}\n{stdout}{stderr}");
            Assert.Contains("messenger", stdout + stderr);
            Assert.Contains("3 programs", stdout + stderr);
        }
        finally
        {
            await RemoveAsync(fixture.Client, created.ID);
        }
    }
}
