using System.Text.RegularExpressions;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Supervision;

public sealed class ProgramOutputSpecs
{
    private const string NoStartup = "[init]\nstartup_dir = \"\"\n";

    [Fact(Timeout = 120_000)]
    public async Task Two_programs_printing_thousands_of_long_lines_in_prefix_mode_never_split_or_interleave_a_line()
    {
        using var temp = new TempDirectory();
        const int lines = 3000;
        string Program(string name) => $"""
            [program.{name}]
            command = {TomlArray("bash", "-c", $"filler=$(head -c 5000 /dev/zero | tr '\\0' {name}); for i in $(seq {lines}); do echo \"{name}:$i:$filler\"; done; echo done > {temp.File_(name + "-done")}; exec sleep 1000")}
            stdout = "prefix"
            startsecs = 0

            """;
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + Program("a") + Program("b"));
        await Eventually.TrueAsync(() => File.Exists(temp.File_("a-done")) && File.Exists(temp.File_("b-done")), TimeSpan.FromSeconds(60), "both to print");
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var output = init.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pattern = new Regex("^(a|b) \\| \\1:(\\d+):(a{5000}|b{5000})$");
        Assert.All(output, line => Assert.True(pattern.IsMatch(line), $"broken line of {line.Length} chars: {line[..Math.Min(60, line.Length)]}"));
        Assert.Equal(lines, output.Count(line => line.StartsWith("a | ", StringComparison.Ordinal)));
        Assert.Equal(lines, output.Count(line => line.StartsWith("b | ", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_last_line_without_newline_is_still_written_and_stderr_can_merge_into_stdout()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + """
            [program.partial]
            command = ["sh", "-c", "echo whole; echo oops >&2; printf 'no newline at the end'"]
            stdout = "prefix"
            stderr = "stdout"
            startsecs = 0
            exitcodes = [0]
            """);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Contains("partial | whole\n", init.Output);
        Assert.Contains("partial | oops\n", init.Output);
        Assert.Contains("partial | no newline at the end\n", init.Output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Inherited_output_goes_straight_to_the_init_streams_and_files_get_the_rest()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.direct]
            command = ["sh", "-c", "echo to-stdout; echo to-stderr >&2"]
            startsecs = 0

            [program.logged]
            command = ["sh", "-c", "echo into-file; echo errors-into-file >&2"]
            stdout = {Toml(temp.File_("out.log"))}
            stderr = {Toml(temp.File_("err.log"))}
            startsecs = 0
            """);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Contains("to-stdout\n", init.Output);
        Assert.DoesNotContain("direct |", init.Output);
        Assert.Contains("to-stderr\n", init.ErrorOutput);
        Assert.Equal("into-file\n", File.ReadAllText(temp.File_("out.log")));
        Assert.Equal("errors-into-file\n", File.ReadAllText(temp.File_("err.log")));
    }
}
