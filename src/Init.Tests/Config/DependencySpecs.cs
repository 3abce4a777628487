using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class DependencySpecs
{
    [Fact]
    public void I_can_make_a_program_wait_for_others()
    {
        using var dir = new ConfigDir();
        var config = dir.LoadValid("""
            [program.php-fpm]
            command = "php-fpm"
            [program.nginx]
            command = "nginx"
            after = ["php-fpm"]
            [program.cron]
            command = "cron"
            after = ["php-fpm", "nginx"]
            """);

        Assert.Equal(["php-fpm", "nginx"], config.Programs.Single(p => p.Name == "cron").After);
    }

    [Fact]
    public void I_get_an_error_at_the_name_when_after_names_an_unknown_program()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [program.php-fpm]
            command = "php-fpm"
            [program.nginx]
            command = "nginx"
            after = ["redis", "php_fpm"]
            """);

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal((5, 10), (diagnostics[0].Location.Line, diagnostics[0].Location.Column));
        Assert.StartsWith("'after' in [program.nginx] names 'redis', which is not a program", diagnostics[0].Message);
        Assert.Equal((5, 19), (diagnostics[1].Location.Line, diagnostics[1].Location.Column));
        Assert.EndsWith("did you mean 'php-fpm'?", diagnostics[1].Message);
    }

    [Fact]
    public void I_get_the_cycle_path_when_programs_wait_for_each_other()
    {
        using var dir = new ConfigDir();
        var d = Assert.Single(dir.LoadInvalid("""
            [program.a]
            command = "a"
            after = ["b"]
            [program.b]
            command = "b"
            after = ["a"]
            """));

        Assert.StartsWith("'after' makes a cycle: a -> b -> a;", d.Message);
        Assert.Equal((6, 10), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void I_get_the_whole_cycle_when_it_runs_through_several_programs()
    {
        using var dir = new ConfigDir();
        var d = Assert.Single(dir.LoadInvalid("""
            [program.web]
            command = "web"
            after = ["a"]
            [program.a]
            command = "a"
            after = ["b"]
            [program.b]
            command = "b"
            after = ["c"]
            [program.c]
            command = "c"
            after = ["a"]
            """));

        Assert.Contains("a -> b -> c -> a", d.Message);
    }

    [Fact]
    public void I_get_an_error_when_a_program_waits_for_itself()
    {
        using var dir = new ConfigDir();
        var d = Assert.Single(dir.LoadInvalid("""
            [program.a]
            command = "a"
            after = ["a"]
            """));

        Assert.Contains("a -> a", d.Message);
    }

    [Fact]
    public void I_get_a_cycle_made_by_a_drop_in_located_in_the_drop_in()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", """
            [init]
            include = ["conf.d/*.toml"]
            [program.a]
            command = "a"
            [program.b]
            command = "b"
            after = ["a"]
            """);
        var dropIn = dir.Write("conf.d/x.toml", """
            [program.a]
            after = ["b"]
            """);

        var d = Assert.Single(dir.Load().Diagnostics);

        Assert.Equal(dropIn, d.Location.File);
        Assert.Contains("a -> b -> a", d.Message);
    }
}
