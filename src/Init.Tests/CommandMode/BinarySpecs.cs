using CliWrap;
using CliWrap.Buffered;
using System.Text.RegularExpressions;
using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed partial class BinarySpecs
{
    [Fact(Timeout = 30_000)]
    public async Task The_published_binary_is_one_file_needing_only_libc_libm_and_the_loader()
    {
        Assert.Equal(["container-init"], Directory.GetFiles(Path.GetDirectoryName(Paths.InitBinary)!).Select(Path.GetFileName));
        var ldd = await CliWrap.Cli.Wrap("ldd").WithArguments([Paths.InitBinary]).ExecuteBufferedAsync();
        var libraries = ldd.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' ')[0])
            .ToList();
        Assert.All(libraries, library => Assert.Matches(@"^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1)$", library));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_published_binary_needs_no_glibc_symbol_newer_than_2_34()
    {
        var symbols = await CliWrap.Cli.Wrap("objdump").WithArguments(["-T", Paths.InitBinary]).ExecuteBufferedAsync();
        var versions = GlibcVersion().Matches(symbols.StandardOutput).Select(m => Version.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(versions);
        Assert.True(versions.Max() <= new Version(2, 34), $"needs GLIBC_{versions.Max()}");
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
