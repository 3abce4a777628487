using CliWrap;
using CliWrap.Buffered;
using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class CommandLineSpecs
{
    private static Task<BufferedCommandResult> RunAsync(params string[] arguments) =>
        CliWrap.Cli.Wrap(Paths.InitBinary).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

    [Fact(Timeout = 30_000)]
    public async Task Help_lists_the_modes_and_exits_0()
    {
        var result = await RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("container-init [OPTIONS] [--] CMD", result.StandardOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var result = await RunAsync("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^container-init \d+\.\d+\.\d+", result.StandardOutput);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--no-such-option")]
    [InlineData("--")]
    [InlineData("--rewrite", "TERM")]
    [InlineData("--rewrite", "NOPE:TERM", "--", "true")]
    [InlineData("--grace", "soon", "--", "true")]
    [InlineData("--group")]
    public async Task A_usage_error_says_what_is_wrong_and_exits_2(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("container-init: ", result.StandardError);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_command_without_dashes_runs_in_command_mode_as_an_entrypoint_would()
    {
        var result = await RunAsync("sh", "-c", "echo hello; exit 5");
        Assert.Equal(5, result.ExitCode);
        Assert.Equal("hello\n", result.StandardOutput);
    }
}
