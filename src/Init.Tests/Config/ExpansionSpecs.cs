using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class ExpansionSpecs
{
    [Fact]
    public void I_can_use_variables_from_the_environment_and_from_init_environment_in_every_expanded_key()
    {
        using var dir = new ConfigDir();
        dir.Environment["APP"] = "shop";
        dir.Environment["APP_USER"] = "root";
        var config = dir.LoadValid("""
            [init]
            environment = { ROOT = "/srv/${APP}", PORT = "${PORT:-8080}" }

            [program.web]
            command = ["php", "-S", "0.0.0.0:${PORT}", "-t", "${ROOT}/public"]
            environment = { APP_ROOT = "${ROOT}", PRICE = "$$5", RAW = "a$b" }
            directory = "${ROOT}"
            user = "${APP_USER}"
            stdout = "/var/log/${APP}.log"
            stderr = "/var/log/${APP}.err"
            ready = "tcp:127.0.0.1:${PORT}"
            """);

        Assert.Equal("/srv/shop", config.Init.Environment["ROOT"]);
        Assert.Equal("8080", config.Init.Environment["PORT"]);
        var p = Assert.Single(config.Programs);
        Assert.Equal(["php", "-S", "0.0.0.0:8080", "-t", "/srv/shop/public"], p.Command);
        Assert.Equal("/srv/shop", p.Environment["APP_ROOT"]);
        Assert.Equal("$5", p.Environment["PRICE"]);
        Assert.Equal("a$b", p.Environment["RAW"]);
        Assert.Equal("/srv/shop", p.Directory);
        Assert.Equal("root", p.User);
        Assert.Equal(new OutputTarget.FileTarget("/var/log/shop.log"), p.Stdout);
        Assert.Equal(new OutputTarget.FileTarget("/var/log/shop.err"), p.Stderr);
        Assert.Equal(new ReadinessSpec.Tcp("127.0.0.1", 8080), p.Ready);
    }

    [Theory]
    [InlineData("${X}", "x")]
    [InlineData("${UNSET:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${X:-fallback}", "x")]
    [InlineData("$$X", "$X")]
    [InlineData("$$${X}", "$x")]
    [InlineData("cost $5 or $", "cost $5 or $")]
    [InlineData("pm.$pool", "pm.$pool")]
    [InlineData("${UNSET:-}", "")]
    public void I_get_compose_style_expansion(string text, string expected)
    {
        var errors = new List<string>();
        var variables = new Dictionary<string, string> { ["X"] = "x", ["EMPTY"] = "" };

        Assert.Equal(expected, VariableExpander.Expand(text, variables, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void I_get_init_environment_expanded_only_against_the_process_environment()
    {
        using var dir = new ConfigDir();
        dir.Environment["BASE"] = "/opt";
        var diagnostics = dir.LoadInvalid("""
            [init]
            environment = { A = "${BASE}/a", B = "${A}/b" }
            """);

        var d = Assert.Single(diagnostics);
        Assert.Contains("variable 'A' is not defined", d.Message);
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void I_get_an_error_naming_an_undefined_variable_and_where_it_is_used()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [program.web]
            command = ["php", "-t", "${DOCROOT}"]
            """);

        var d = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation(Path.Combine(dir.Root, "init.toml"), 2, 25), d.Location);
        Assert.Contains("variable 'DOCROOT' is not defined", d.Message);
        Assert.Contains("${DOCROOT:-value}", d.Message);
    }

    [Fact]
    public void I_never_see_a_secret_value_in_any_message()
    {
        const string secret = "hunter2-s3cr3t";
        using var dir = new ConfigDir();
        dir.Environment["DB_PASSWORD"] = secret;
        dir.Environment["LOG_DIR"] = secret;
        dir.Environment["RUN_AS"] = secret;
        dir.Environment["SOCK"] = secret;
        var diagnostics = dir.LoadInvalid($$"""
            [init]
            environment = { PASSWORD = "{{secret}}", COPY = "${DB_PASSWORD}", BAD = 42 }

            [program.web]
            command = ["php", "${DB_PASSWORD}", "${MISSING}"]
            environment = { TOKEN = "{{secret}}", N = 1, M = "${NOPE}" }
            stdout = "${LOG_DIR}"
            user = "${RUN_AS}"
            directory = "${LOG_DIR}"
            ready = "unix:${SOCK}"
            """);

        Assert.True(diagnostics.Count >= 7, string.Join("\n", diagnostics));
        Assert.All(diagnostics, d => Assert.DoesNotContain(secret, d.ToString()));
    }

    [Fact]
    public void I_never_see_a_secret_value_in_a_syntax_error()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [program.web]
            command = "x"
            environment = { TOKEN = sup3rs3cret }
            """);

        Assert.All(diagnostics, d => Assert.DoesNotContain("sup3rs3cret", d.ToString()));
        Assert.Equal(3, diagnostics[0].Location.Line);
    }

    [Theory]
    [InlineData("${UNCLOSED", "not closed")]
    [InlineData("${1BAD}", "not a valid variable reference")]
    [InlineData("${}", "not a valid variable reference")]
    public void I_get_an_error_for_a_malformed_reference(string text, string expected)
    {
        var errors = new List<string>();
        VariableExpander.Expand(text, new Dictionary<string, string>(), errors);

        Assert.Contains(expected, Assert.Single(errors));
    }
}
