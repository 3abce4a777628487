using Xunit;
using ContainerInit.Config;

namespace ContainerInit.Tests.Config;

public sealed class DefaultsSpecs
{
    [Fact]
    public void I_get_supervisord_defaults_for_a_program_that_sets_only_its_command()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.web]
            command = ["/usr/sbin/nginx"]
            """);

        var p = Assert.Single(config.Programs);
        Assert.Equal("web", p.Name);
        Assert.Equal(["/usr/sbin/nginx"], p.Command);
        Assert.Equal(999, p.Priority);
        Assert.True(p.AutoStart);
        Assert.Equal(AutoRestart.Unexpected, p.AutoRestart);
        Assert.Equal([0], p.ExitCodes);
        Assert.Equal(TimeSpan.FromSeconds(1), p.StartSecs);
        Assert.Equal(3, p.StartRetries);
        Assert.Equal(15, p.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(10), p.StopWaitSecs);
        Assert.Null(p.User);
        Assert.Null(p.Directory);
        Assert.Null(p.Umask);
        Assert.Empty(p.Environment);
        Assert.Equal(OutputTarget.Inherit, p.Stdout);
        Assert.Equal(OutputTarget.Inherit, p.Stderr);
        Assert.Equal(50L * 1024 * 1024, p.StdoutMaxBytes);
        Assert.Equal(10, p.StdoutBackups);
        Assert.Equal(50L * 1024 * 1024, p.StderrMaxBytes);
        Assert.Equal(10, p.StderrBackups);
        Assert.Null(p.Ready);
        Assert.Equal(TimeSpan.FromSeconds(60), p.ReadyTimeout);
        Assert.Empty(p.After);
        Assert.Equal(new SourceLocation(Path.Combine(dir.Root, "init.toml"), 1, 1), p.Location);
    }

    [Fact]
    public void I_get_stop_and_kill_as_group_by_default_unlike_supervisord()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.web]
            command = "nginx"
            """);

        var p = Assert.Single(config.Programs);
        Assert.True(p.StopAsGroup);
        Assert.True(p.KillAsGroup);
    }

    [Fact]
    public void I_get_the_init_defaults_when_there_is_no_init_table()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.web]
            command = "nginx"
            """);

        var init = config.Init;
        Assert.Equal("/usr/libexec/php-container/startup.d", init.StartupDir);
        Assert.Equal(TimeSpan.FromSeconds(300), init.StartupTimeout);
        Assert.Equal(OnFatal.Shutdown, init.OnFatal);
        Assert.Equal("text", init.LogFormat);
        Assert.Equal("info", init.LogLevel);
        Assert.Empty(init.Environment);
        Assert.Equal(TimeSpan.FromSeconds(9), init.ShutdownTimeout);
        Assert.Equal([Path.Combine(dir.Root, "init.toml")], config.Files);
    }

    [Fact]
    public void I_can_load_a_config_without_programs()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [init]
            log_level = "debug"
            """);

        Assert.Empty(config.Programs);
        Assert.Equal("debug", config.Init.LogLevel);
    }
}
