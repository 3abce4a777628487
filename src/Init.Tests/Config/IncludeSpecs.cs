using ContainerInit.Config;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class IncludeSpecs
{
    private const string Main = """
        [init]
        include = ["conf.d/*.toml"]
        log_level = "info"

        [program.php-fpm]
        command = "php-fpm"
        priority = 10

        [program.nginx]
        command = "nginx"
        priority = 20
        """;

    [Fact]
    public void I_can_change_one_key_of_a_program_in_a_drop_in()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        dir.Write("conf.d/50-nginx.toml", """
            [program.nginx]
            priority = 5
            """);

        var config = dir.Load().Config!;

        var nginx = config.Programs.Single(p => p.Name == "nginx");
        Assert.Equal(5, nginx.Priority);
        Assert.Equal(["nginx"], nginx.Command);
        Assert.Equal(["nginx", "php-fpm"], config.Programs.Select(p => p.Name));
    }

    [Fact]
    public void I_can_add_a_program_and_init_keys_in_a_drop_in()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        dir.Write("conf.d/10-worker.toml", """
            [init]
            log_level = "debug"
            environment = { QUEUE = "default" }

            [program.worker]
            command = "php artisan queue:work"
            """);

        var config = dir.Load().Config!;

        Assert.Equal("debug", config.Init.LogLevel);
        Assert.Equal("default", config.Init.Environment["QUEUE"]);
        Assert.Equal(["php", "artisan", "queue:work"], config.Programs.Single(p => p.Name == "worker").Command);
        Assert.Equal(2, config.Files.Count);
    }

    [Fact]
    public void I_get_drop_ins_applied_in_byte_wise_order_so_the_last_one_wins()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        dir.Write("conf.d/20-b.toml", "[program.nginx]\npriority = 2\n");
        dir.Write("conf.d/10-a.toml", "[program.nginx]\npriority = 1\n");
        dir.Write("conf.d/B-upper.toml", "[program.nginx]\npriority = 3\n");
        dir.Write("conf.d/a-lower.toml", "[program.nginx]\npriority = 4\n");

        var config = dir.Load().Config!;

        Assert.Equal(4, config.Programs.Single(p => p.Name == "nginx").Priority);
        Assert.Equal(["init.toml", "conf.d/10-a.toml", "conf.d/20-b.toml", "conf.d/B-upper.toml", "conf.d/a-lower.toml"],
            config.Files.Select(f => Path.GetRelativePath(dir.Root, f)));
    }

    [Fact]
    public void I_get_environment_tables_merged_per_variable()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", """
            [init]
            include = ["conf.d/*.toml"]
            [program.web]
            command = "web"
            environment = { A = "1", B = "2" }
            """);
        dir.Write("conf.d/x.toml", """
            [program.web]
            environment = { B = "two", C = "3" }
            """);

        var env = dir.Load().Config!.Programs[0].Environment;

        Assert.Equal("1", env["A"]);
        Assert.Equal("two", env["B"]);
        Assert.Equal("3", env["C"]);
    }

    [Fact]
    public void I_can_include_by_absolute_path_and_skip_files_that_do_not_match()
    {
        using var dir = new ConfigDir();
        var dropIns = Path.Combine(dir.Root, "etc", "conf.d");
        dir.Write("init.toml", $$"""
            [init]
            include = ["{{dropIns}}/*.toml", "{{dir.Root}}/nothing-here/*.toml", "{{dir.Root}}/missing.toml"]
            [program.web]
            command = "web"
            """);
        dir.Write("etc/conf.d/ok.toml", "[program.web]\npriority = 7\n");
        dir.Write("etc/conf.d/ok.toml.rpmsave", "[program.web]\npriority = 8\n");
        dir.Write("etc/conf.d/.hidden.toml", "[program.web]\npriority = 9\n");

        var result = dir.Load();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(7, result.Config!.Programs[0].Priority);
        Assert.Equal(2, result.Config.Files.Count);
    }

    [Fact]
    public void I_can_boot_when_the_drop_in_directory_does_not_exist()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);

        var result = dir.Load();

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Config!.Files);
    }

    [Fact]
    public void I_get_an_error_in_the_drop_in_for_a_nested_include()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        var dropIn = dir.Write("conf.d/10-x.toml", """
            [init]
            include = ["more/*.toml"]
            """);

        var d = Assert.Single(dir.Load().Diagnostics);

        Assert.Equal(new SourceLocation(dropIn, 2, 1), d.Location);
        Assert.Contains("'include' is allowed only in the main config file", d.Message);
    }

    [Fact]
    public void I_get_errors_located_in_the_drop_in_that_has_them()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        var dropIn = dir.Write("conf.d/10-x.toml", """
            [program.nginx]
            priority = "high"
            """);

        var d = Assert.Single(dir.Load().Diagnostics);

        Assert.Equal(new SourceLocation(dropIn, 2, 12), d.Location);
        Assert.Contains("'priority' in [program.nginx] must be an integer", d.Message);
    }

    [Fact]
    public void I_get_an_error_for_a_wildcard_in_a_directory_name()
    {
        using var dir = new ConfigDir();
        var diagnostics = dir.LoadInvalid("""
            [init]
            include = ["*/conf.d/*.toml"]
            """);

        var d = Assert.Single(diagnostics);
        Assert.Equal(2, d.Location.Line);
        Assert.Equal(12, d.Location.Column);
        Assert.Contains("wildcards are allowed only in the file name", d.Message);
    }

    [Fact]
    public void I_get_an_error_at_the_include_for_a_drop_in_that_cannot_be_read()
    {
        using var dir = new ConfigDir();
        dir.Write("init.toml", Main);
        Directory.CreateDirectory(Path.Combine(dir.Root, "conf.d", "dir.toml"));
        // A directory named like a drop-in is not a file and is skipped; an unreadable file is an error.
        var unreadable = dir.Write("conf.d/secret.toml", "[program.nginx]\npriority = 1\n");
        // Root reads anything, so there is nothing to check there.
        if (!OperatingSystem.IsLinux() || Environment.UserName == "root")
            return;
        File.SetUnixFileMode(unreadable, UnixFileMode.None);

        var d = Assert.Single(dir.Load().Diagnostics);
        Assert.Equal(2, d.Location.Line);
        Assert.Contains("cannot be read", d.Message);
    }
}
