using System.Reflection;
using CliWrap;
using CliWrap.Buffered;
using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.EndToEnd.Images;

/// <summary>The images' files checked without a container engine: the init's config and the startup scripts.</summary>
public sealed class ImageFilesTests
{
    private static readonly string RepoRoot = Path.GetFullPath(
        typeof(ImageFilesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!);

    private static InitConfig LoadImageConfig()
    {
        var path = Path.Combine(RepoRoot, "container/rootfs/etc/container-init/init.toml");
        var result = ConfigLoader.Load(path, new Dictionary<string, string>());
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    [Fact]
    public void Init_toml_is_valid_and_stops_inside_dockers_10_seconds()
    {
        var config = LoadImageConfig();
        var fpm = Assert.Single(config.Programs, p => p.Name == "php-fpm");
        var nginx = Assert.Single(config.Programs, p => p.Name == "nginx");
        Assert.Equal(2, config.Programs.Count);

        Assert.Equal("/usr/libexec/php-container/startup.d", config.Init.StartupDir);
        Assert.Equal(OnFatal.Shutdown, config.Init.OnFatal);

        // Graceful stops: QUIT for both, nginx stopped first (it starts after php-fpm).
        Assert.Equal(3, fpm.StopSignal);
        Assert.Equal(3, nginx.StopSignal);
        Assert.True(fpm.Priority < nginx.Priority);
        Assert.Equal(["php-fpm"], nginx.After);
        Assert.Equal(new ReadinessSpec.UnixSocket("/run/php-fpm/www.sock"), fpm.Ready);

        // A dead master stops the container instead of being restarted beside its orphaned workers.
        Assert.Equal(AutoRestart.False, fpm.AutoRestart);
        Assert.Equal(AutoRestart.False, nginx.AutoRestart);

        Assert.Equal(TimeSpan.FromSeconds(9), config.Init.ShutdownTimeout);
        Assert.True(fpm.StopWaitSecs + nginx.StopWaitSecs <= config.Init.ShutdownTimeout,
            $"stopwaitsecs {fpm.StopWaitSecs} + {nginx.StopWaitSecs} exceed shutdown_timeout {config.Init.ShutdownTimeout}");
        Assert.True(config.Init.ShutdownTimeout < TimeSpan.FromSeconds(10));

        Assert.Equal("/usr/sbin/php-fpm", fpm.Command[0]);
        Assert.Contains("--nodaemonize", fpm.Command);
        Assert.Equal("/usr/sbin/nginx", nginx.Command[0]);
        Assert.Contains("daemon off;", nginx.Command);
    }

    [Theory]
    [InlineData("10-clear-cache")]
    [InlineData("90-warm-cache")]
    public async Task Startup_script_fails_loudly_without_bin_console(string script)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-app-" + Guid.NewGuid().ToString("N"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await CliWrap.Cli.Wrap("sh").WithArguments([Path.Combine(RepoRoot, "startup.d", script)])
            .WithEnvironmentVariables(e => e.Set("APP_DIR", missing))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cts.Token);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{missing}/bin/console", result.StandardError);
        Assert.Contains(script, result.StandardError);
    }

    [Theory]
    [InlineData("10-clear-cache")]
    [InlineData("90-warm-cache")]
    public void Startup_scripts_are_executable_posix_sh(string script)
    {
        var path = Path.Combine(RepoRoot, "startup.d", script);
        Assert.StartsWith("#!/bin/sh\n", File.ReadAllText(path));
        Assert.Contains("set -eu", File.ReadAllText(path));
        Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{path} is not executable");
    }
}
