using Xunit;
using ContainerInit.Config;

namespace ContainerInit.Tests.Config;

public sealed class KeysSpecs
{
    [Fact]
    public void I_can_set_every_init_key()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [init]
            startup_dir = ""
            startup_timeout = 0
            on_fatal = "continue"
            log_format = "json"
            log_level = "warning"
            environment = { TZ = "UTC" }
            include = []
            shutdown_timeout = 7.5
            """);

        var init = config.Init;
        Assert.Equal("", init.StartupDir);
        Assert.Null(init.StartupTimeout);
        Assert.Equal(OnFatal.Continue, init.OnFatal);
        Assert.Equal("json", init.LogFormat);
        Assert.Equal("warning", init.LogLevel);
        Assert.Equal("UTC", init.Environment["TZ"]);
        Assert.Equal(TimeSpan.FromSeconds(7.5), init.ShutdownTimeout);
    }

    [Fact]
    public void I_can_set_every_program_key()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.php-fpm]
            command = ["/usr/sbin/php-fpm", "--nodaemonize"]
            priority = 10
            autostart = false
            autorestart = true
            exitcodes = [0, 2]
            startsecs = 0.5
            startretries = 5
            stopsignal = "QUIT"
            stopwaitsecs = 20
            stopasgroup = false
            killasgroup = false
            user = "root"
            directory = "/var/www/html"
            umask = "027"
            environment = { APP_ENV = "prod" }
            stdout = "prefix"
            stderr = "/var/log/fpm.err"
            stdout_maxbytes = "1KB"
            stdout_backups = 0
            stderr_maxbytes = 2048
            stderr_backups = 3
            ready = "unix:/run/php-fpm/www.sock"
            ready_timeout = 30
            after = []
            """);

        var p = Assert.Single(config.Programs);
        Assert.Equal(["/usr/sbin/php-fpm", "--nodaemonize"], p.Command);
        Assert.Equal(10, p.Priority);
        Assert.False(p.AutoStart);
        Assert.Equal(AutoRestart.True, p.AutoRestart);
        Assert.Equal([0, 2], p.ExitCodes.Order());
        Assert.Equal(TimeSpan.FromSeconds(0.5), p.StartSecs);
        Assert.Equal(5, p.StartRetries);
        Assert.Equal(3, p.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(20), p.StopWaitSecs);
        Assert.False(p.StopAsGroup);
        Assert.False(p.KillAsGroup);
        Assert.Equal("root", p.User);
        Assert.Equal("/var/www/html", p.Directory);
        Assert.Equal(0x17, p.Umask);
        Assert.Equal("prod", p.Environment["APP_ENV"]);
        Assert.Equal(OutputTarget.Prefix, p.Stdout);
        Assert.Equal(new OutputTarget.FileTarget("/var/log/fpm.err"), p.Stderr);
        Assert.Equal(1024, p.StdoutMaxBytes);
        Assert.Equal(0, p.StdoutBackups);
        Assert.Equal(2048, p.StderrMaxBytes);
        Assert.Equal(3, p.StderrBackups);
        Assert.Equal(new ReadinessSpec.UnixSocket("/run/php-fpm/www.sock"), p.Ready);
        Assert.Equal(TimeSpan.FromSeconds(30), p.ReadyTimeout);
    }

    [Theory]
    [InlineData("\"QUIT\"", 3)]
    [InlineData("\"SIGQUIT\"", 3)]
    [InlineData("\"quit\"", 3)]
    [InlineData("\"sigusr1\"", 10)]
    [InlineData("9", 9)]
    [InlineData("\"WINCH\"", 28)]
    public void I_can_name_the_stop_signal_as_supervisord_or_kill_would(string toml, int expected)
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid($"""
            [program.web]
            command = "nginx"
            stopsignal = {toml}
            """);

        Assert.Equal(expected, Assert.Single(config.Programs).StopSignal);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1234", 1234L)]
    [InlineData("\"50MB\"", 50L * 1024 * 1024)]
    [InlineData("\"1KB\"", 1024L)]
    [InlineData("\"10GB\"", 10L * 1024 * 1024 * 1024)]
    [InlineData("\"10gb\"", 10L * 1024 * 1024 * 1024)]
    [InlineData("\"512B\"", 512L)]
    [InlineData("\"77\"", 77L)]
    public void I_can_give_sizes_in_bytes_or_with_a_1024_based_unit(string toml, long expected)
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid($"""
            [program.web]
            command = "nginx"
            stdout_maxbytes = {toml}
            """);

        Assert.Equal(expected, Assert.Single(config.Programs).StdoutMaxBytes);
    }

    [Theory]
    [InlineData("\"022\"", 18)]
    [InlineData("\"0\"", 0)]
    [InlineData("\"0o077\"", 63)]
    [InlineData("0o027", 23)]
    [InlineData("18", 18)]
    public void I_can_give_the_umask_as_an_octal_string_or_an_integer(string toml, int expected)
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid($"""
            [program.web]
            command = "nginx"
            umask = {toml}
            """);

        Assert.Equal(expected, Assert.Single(config.Programs).Umask);
    }

    [Theory]
    [InlineData("true", AutoRestart.True)]
    [InlineData("false", AutoRestart.False)]
    [InlineData("\"unexpected\"", AutoRestart.Unexpected)]
    [InlineData("\"false\"", AutoRestart.False)]
    public void I_can_set_autorestart_to_true_false_or_unexpected(string toml, AutoRestart expected)
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid($"""
            [program.web]
            command = "nginx"
            autorestart = {toml}
            """);

        Assert.Equal(expected, Assert.Single(config.Programs).AutoRestart);
    }

    [Fact]
    public void I_can_use_every_readiness_check()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.a]
            command = "a"
            ready = "unix:/run/a.sock"
            [program.b]
            command = "b"
            ready = "tcp:127.0.0.1:9000"
            [program.c]
            command = "c"
            ready = "http://127.0.0.1:8080/health"
            [program.d]
            command = "d"
            ready = "https://localhost/ping"
            [program.e]
            command = "e"
            ready = "file:/run/e.ready"
            [program.f]
            command = "f"
            ready = "exec:/usr/local/bin/check --quiet 'a b'"
            [program.g]
            command = "g"
            ready = "tcp:[::1]:80"
            """);

        var ready = config.Programs.ToDictionary(p => p.Name, p => p.Ready);
        Assert.Equal(new ReadinessSpec.UnixSocket("/run/a.sock"), ready["a"]);
        Assert.Equal(new ReadinessSpec.Tcp("127.0.0.1", 9000), ready["b"]);
        Assert.Equal(new Uri("http://127.0.0.1:8080/health"), Assert.IsType<ReadinessSpec.Http>(ready["c"]).Url);
        Assert.Equal(new Uri("https://localhost/ping"), Assert.IsType<ReadinessSpec.Http>(ready["d"]).Url);
        Assert.Equal(new ReadinessSpec.FileExists("/run/e.ready"), ready["e"]);
        Assert.Equal(["/usr/local/bin/check", "--quiet", "a b"], Assert.IsType<ReadinessSpec.Exec>(ready["f"]).Command);
        Assert.Equal(new ReadinessSpec.Tcp("::1", 80), ready["g"]);
    }

    [Fact]
    public void I_can_send_stderr_into_stdout_and_stdout_to_a_file()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.web]
            command = "nginx"
            stdout = "/var/log/web.log"
            stderr = "stdout"
            """);

        var p = Assert.Single(config.Programs);
        Assert.Equal(new OutputTarget.FileTarget("/var/log/web.log"), p.Stdout);
        Assert.Equal(OutputTarget.MergeIntoStdout, p.Stderr);
    }

    [Fact]
    public void I_can_give_a_numeric_user_with_or_without_a_group()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.a]
            command = "a"
            user = "33"
            [program.b]
            command = "b"
            user = "33:44"
            [program.c]
            command = "c"
            user = 1000
            """);

        Assert.Equal(["33", "33:44", "1000"], config.Programs.Select(p => p.User));
    }

    [Fact]
    public void I_get_programs_in_start_order_by_priority_then_declaration()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.nginx]
            command = "nginx"
            priority = 20
            [program.cron]
            command = "cron"
            [program.php-fpm]
            command = "php-fpm"
            priority = 10
            [program.worker]
            command = "worker"
            """);

        Assert.Equal(["php-fpm", "nginx", "cron", "worker"], config.Programs.Select(p => p.Name));
    }

    [Fact]
    public void I_can_write_programs_with_dotted_keys_and_subtables()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            program.a.command = "a"

            [program.b]
            command = "b"

            [program.b.environment]
            X = "1"
            """);

        Assert.Equal(["a", "b"], config.Programs.Select(p => p.Name));
        Assert.Equal("1", config.Programs[1].Environment["X"]);
    }
}
