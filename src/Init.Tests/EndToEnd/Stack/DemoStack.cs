using CliWrap;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.EndToEnd.Stack;

/// <summary>The demo's nginx and php-fpm configs (container/demo), rendered into a test's folder on a free port.</summary>
public sealed class DemoStack
{
    private DemoStack(string directory, int port)
    {
        Directory_ = directory;
        Port = port;
    }

    public string Directory_ { get; }
    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public static async Task<DemoStack> RenderAsync(TempDirectory temp)
    {
        var directory = Path.Combine(temp.Path, "stack");
        var port = FreePort();
        await CliWrap.Cli.Wrap(Path.Combine(Paths.RepoRoot, "container", "demo", "render"))
            .WithArguments([directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["DEMO_STARTUP"] = "0" })
            .ExecuteAsync();
        // A page that takes its time, for requests in flight during a stop.
        await File.WriteAllTextAsync(Path.Combine(directory, "public", "slow.php"), "<?php sleep((int)($_GET['s'] ?? 2)); echo 'slow done';\n");
        return new DemoStack(directory, port);
    }

    /// <summary>An init.toml running php-fpm then nginx over the rendered configs, with extra keys per program.</summary>
    public string Config(string phpFpmExtra = "", string nginxExtra = "", string initExtra = "") => $"""
        [init]
        startup_dir = ""
        {initExtra}

        [program.php-fpm]
        command = {TomlArray("/usr/sbin/php-fpm8.2", "--nodaemonize", "--fpm-config", Path.Combine(Directory_, "php-fpm.conf"))}
        priority = 10
        stopsignal = "QUIT"
        ready = {Toml("unix:" + Path.Combine(Directory_, "php-fpm.sock"))}
        {phpFpmExtra}

        [program.nginx]
        command = {TomlArray("/usr/sbin/nginx", "-p", Directory_, "-c", Path.Combine(Directory_, "nginx.conf"), "-e", "stderr")}
        priority = 20
        after = ["php-fpm"]
        stopsignal = "QUIT"
        {nginxExtra}
        """;
}
