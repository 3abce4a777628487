using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class CheckCommandSpecs
{
    [Fact]
    public void I_can_check_a_valid_config_and_get_a_one_line_summary()
    {
        using var dir = new ConfigDir();
        var path = dir.Write("init.toml", """
            [program.nginx]
            command = "nginx"
            priority = 20
            [program.php-fpm]
            command = "php-fpm"
            priority = 10
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = CheckCommand.Run(path, dir.Environment, stdout, stderr);

        Assert.Equal(0, code);
        Assert.Equal($"{path}: ok, 2 programs (php-fpm, nginx)\n", stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void I_can_check_an_invalid_config_and_get_every_error_on_stderr_with_exit_code_2()
    {
        using var dir = new ConfigDir();
        var path = dir.Write("init.toml", """
            [program.nginx]
            command = "nginx"
            stopwait = 3
            priority = "x"
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = CheckCommand.Run(path, dir.Environment, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Empty(stdout.ToString());
        var lines = stderr.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{path}:3:1: error: unknown key 'stopwait'", lines[0]);
        Assert.StartsWith($"{path}:4:12: error: 'priority'", lines[1]);
    }
}
