using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class ErrorSpecs
{
    private static ConfigDiagnostic Single(ConfigDir dir, string toml)
    {
        var diagnostics = dir.LoadInvalid(toml);
        Assert.True(diagnostics.Count == 1, "expected one error, got:\n" + string.Join("\n", diagnostics));
        return diagnostics[0];
    }

    private static void AssertAt(ConfigDir dir, ConfigDiagnostic d, int line, int column) =>
        Assert.Equal(new SourceLocation(Path.Combine(dir.Root, "init.toml"), line, column), d.Location);

    [Fact]
    public void I_get_an_error_with_file_line_and_column_for_an_unknown_key()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [program.nginx]
            command = "nginx"
              stopwait = 5
            """);

        AssertAt(dir, d, 3, 3);
        Assert.Equal("unknown key 'stopwait' in [program.nginx]; did you mean 'stopwaitsecs'?", d.Message);
        Assert.Equal($"{dir.Root}/init.toml:3:3: error: unknown key 'stopwait' in [program.nginx]; did you mean 'stopwaitsecs'?", d.ToString());
    }

    [Fact]
    public void I_get_an_error_for_an_unknown_init_key_and_an_unknown_table()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [init]
            loglevel = "info"

            [programs.web]
            command = "x"
            """);

        Assert.Equal(2, diagnostics.Count);
        AssertAt(dir, diagnostics[0], 2, 1);
        Assert.Equal("unknown key 'loglevel' in [init]; did you mean 'log_level'?", diagnostics[0].Message);
        AssertAt(dir, diagnostics[1], 4, 1);
        Assert.Equal("unknown table [programs]; did you mean [program]?", diagnostics[1].Message);
    }

    [Fact]
    public void I_get_a_toml_syntax_error_with_its_position()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [program.web]
            command = "web"
            priority =
            """);

        AssertAt(dir, diagnostics[0], 3, 11);
        Assert.StartsWith("TOML syntax: ", diagnostics[0].Message);
    }

    [Theory]
    [InlineData("priority = \"10\"", "'priority' in [program.web] must be an integer, not a string; remove the quotes: priority = 10")]
    [InlineData("autostart = \"yes\"", "'autostart' in [program.web] must be true or false, not a string")]
    [InlineData("startsecs = \"1\"", "'startsecs' in [program.web] must be a number of seconds, not a string")]
    [InlineData("after = \"\"", "'after' in [program.web] names '', which is not a program")]
    [InlineData("directory = 5", "'directory' in [program.web] must be a string, not an integer")]
    [InlineData("environment = \"A=1\"", "'environment' in [program.web] must be a table of strings, not a string")]
    [InlineData("stdout = true", "'stdout' in [program.web] must be a string, not a boolean")]
    [InlineData("exitcodes = \"0\"", "'exitcodes' in [program.web] must be an array of integers, not a string")]
    [InlineData("umask = true", "'umask' in [program.web] must be an octal string, not a boolean")]
    [InlineData("stdout_maxbytes = 1.5", "'stdout_maxbytes' in [program.web] must be a size, not a float")]
    [InlineData("command = 5", "'command' in [program.web] must be an array of strings or a string, not an integer")]
    public void I_get_an_error_for_a_wrong_type_at_the_value(string line, string message)
    {
        using var dir = new ConfigDir();
        var d = Single(dir, $"""
            [program.web]
            command = "web"
            {line}
            """.Replace("command = \"web\"\ncommand", "command", StringComparison.Ordinal));

        Assert.StartsWith(message, d.Message);
        Assert.Equal(line.IndexOf('=') + 3, d.Location.Column);
    }

    [Theory]
    [InlineData("startretries = -1", "'startretries' in [program.web] must be 0 or more, not -1")]
    [InlineData("priority = -5", "'priority' in [program.web] must be 0 or more, not -5")]
    [InlineData("stopwaitsecs = -1", "'stopwaitsecs' in [program.web] must be 0 or more seconds, not -1")]
    [InlineData("ready_timeout = 0", "'ready_timeout' in [program.web] must be more than 0 seconds, not 0")]
    [InlineData("stdout_backups = -2", "'stdout_backups' in [program.web] must be 0 or more, not -2")]
    [InlineData("stderr_maxbytes = -1", "'stderr_maxbytes' in [program.web] must be 0 or more")]
    [InlineData("stopsignal = \"TREM\"", "'stopsignal' in [program.web]: \"TREM\" is not a signal; did you mean \"TERM\"?")]
    [InlineData("stopsignal = 99", "'stopsignal' in [program.web]: 99 is not a signal")]
    [InlineData("ready = \"smtp:localhost:25\"", "'ready' in [program.web] has unknown scheme 'smtp'; use unix:PATH, tcp:HOST:PORT")]
    [InlineData("ready = \"/run/a.sock\"", "'ready' in [program.web] has no scheme")]
    [InlineData("ready = \"tcp:localhost\"", "'ready' in [program.web]: tcp: needs a host and a port")]
    [InlineData("ready = \"unix:run/a.sock\"", "'ready' in [program.web]: unix: needs an absolute path")]
    [InlineData("ready = \"exec:\"", "'ready' in [program.web]: exec: needs a command")]
    [InlineData("stdout_maxbytes = \"50XB\"", "'stdout_maxbytes' in [program.web]: \"50XB\" is not a size; write a number of bytes or a string such as \"50MB\"")]
    [InlineData("umask = \"999\"", "'umask' in [program.web]: \"999\" is not a umask")]
    [InlineData("umask = 1000", "'umask' in [program.web]: 1000 is not a umask")]
    [InlineData("autorestart = \"sometimes\"", "'autorestart' in [program.web] must be true, false or \"unexpected\", not \"sometimes\"")]
    [InlineData("stdout = \"logs/web.log\"", "'stdout' in [program.web] must be \"inherit\", \"prefix\" or an absolute file path")]
    [InlineData("stdout = \"stdout\"", "'stdout' in [program.web] must be \"inherit\", \"prefix\" or an absolute file path")]
    [InlineData("directory = \"www\"", "'directory' in [program.web] must be an absolute path")]
    [InlineData("user = \"no-such-user-here\"", "'user' in [program.web]: no user \"no-such-user-here\" in the user database")]
    [InlineData("user = \"a:b:c\"", "'user' in [program.web]: no user \"a:b:c\"")]
    public void I_get_an_error_for_a_bad_value_that_says_how_to_fix_it(string line, string message)
    {
        using var dir = new ConfigDir();
        var d = Single(dir, $"""
            [program.web]
            command = "web"
            {line}
            """);

        Assert.StartsWith(message, d.Message);
        AssertAt(dir, d, 3, line.IndexOf('=') + 3);
    }

    [Theory]
    [InlineData("log_format = \"xml\"", "'log_format' in [init] must be one of \"text\", \"json\", not \"xml\"")]
    [InlineData("log_level = \"verbose\"", "'log_level' in [init] must be one of \"debug\", \"info\", \"warning\", \"error\", not \"verbose\"")]
    [InlineData("on_fatal = \"restart\"", "'on_fatal' in [init] must be one of \"shutdown\", \"continue\", not \"restart\"")]
    [InlineData("startup_timeout = -1", "'startup_timeout' in [init] must be 0 or more seconds, not -1")]
    [InlineData("shutdown_timeout = 0", "'shutdown_timeout' in [init] must be more than 0 seconds, not 0")]
    [InlineData("include = 5", "'include' in [init] must be an array of strings, not an integer")]
    [InlineData("environment = { N = 1 }", "'N' in the environment of [init] must be a string, not an integer; quote it")]
    public void I_get_an_error_for_a_bad_init_value(string line, string message)
    {
        using var dir = new ConfigDir();
        var d = Single(dir, $"""
            [init]
            {line}
            """);

        Assert.StartsWith(message, d.Message);
        Assert.Equal(2, d.Location.Line);
    }

    [Theory]
    [InlineData("command = []")]
    [InlineData("command = \"\"")]
    [InlineData("command = \"   \"")]
    [InlineData("command = [\"\", \"x\"]")]
    public void I_get_an_error_for_an_empty_command(string line)
    {
        using var dir = new ConfigDir();
        var d = Single(dir, $"""
            [program.web]
            {line}
            """);

        Assert.StartsWith("'command' in [program.web] is empty; give the program to run", d.Message);
        AssertAt(dir, d, 2, 11);
    }

    [Fact]
    public void I_get_an_error_at_the_item_for_an_exit_status_out_of_range()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [program.web]
            command = "web"
            exitcodes = [0, 300]
            """);

        AssertAt(dir, d, 3, 17);
        Assert.StartsWith("item 2 of 'exitcodes' in [program.web] must be an exit status from 0 to 255, not 300", d.Message);
    }

    [Fact]
    public void I_get_an_error_at_the_table_for_a_program_without_a_command()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [init]

            [program.web]
            priority = 1
            """);

        AssertAt(dir, d, 3, 1);
        Assert.StartsWith("[program.web] has no 'command'; add one", d.Message);
    }

    [Fact]
    public void I_get_an_error_at_the_item_for_a_non_string_in_a_command_array()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [program.web]
            command = ["php", 8080]
            """);

        AssertAt(dir, d, 2, 19);
        Assert.StartsWith("item 2 of 'command' in [program.web] must be a string, not an integer", d.Message);
    }

    [Fact]
    public void I_get_an_error_for_an_unclosed_quote_in_a_command_string()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [program.web]
            command = "nginx -g 'daemon off;"
            """);

        AssertAt(dir, d, 2, 11);
        Assert.Contains("single quote is not closed", d.Message);
    }

    [Fact]
    public void I_get_an_error_for_a_program_name_that_the_cli_could_not_use()
    {
        using var dir = new ConfigDir();
        var d = Single(dir, """
            [program."my web"]
            command = "web"
            """);

        AssertAt(dir, d, 1, 1);
        Assert.StartsWith("program name 'my web' is not allowed", d.Message);
    }

    [Fact]
    public void I_get_every_error_at_once_in_file_order()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [init]
            log_format = "xml"
            bogus = 1

            [program.a]
            command = []
            priority = "1"
            stopsignal = "NOPE"
            after = ["ghost"]

            [program.b]
            command = "b"
            umask = "88"
            stdout_maxbytes = "lots"
            """);

        Assert.Equal([2, 3, 6, 7, 8, 9, 13, 14], diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void I_get_an_error_when_the_config_file_does_not_exist()
    {
        using var dir = new ConfigDir();
        var result = dir.Load("missing.toml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Null(result.Config);
        Assert.Equal(new SourceLocation(Path.Combine(dir.Root, "missing.toml"), 1, 1), d.Location);
        Assert.Contains("does not exist", d.Message);
    }

    [Fact]
    public void I_get_an_error_when_the_config_path_is_a_directory()
    {
        using var dir = new ConfigDir();
        Directory.CreateDirectory(Path.Combine(dir.Root, "conf"));

        var d = Assert.Single(dir.Load("conf").Diagnostics);
        Assert.Contains("is a directory", d.Message);
    }

    [Fact]
    public void I_get_an_error_when_program_is_not_a_table()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            program = 5
            """);

        Assert.Equal(1, diagnostics[0].Location.Line);
        Assert.Contains("must be tables", diagnostics[0].Message);
    }
}
