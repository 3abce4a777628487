using Xunit;
using ContainerInit.Config;

namespace ContainerInit.Tests.Config;

public sealed class ShellWordsSpecs
{
    [Theory]
    [InlineData("nginx -g 'daemon off;'", new[] { "nginx", "-g", "daemon off;" })]
    [InlineData("  a   b\tc  ", new[] { "a", "b", "c" })]
    [InlineData("echo \"a \\\"b\\\" c\"", new[] { "echo", "a \"b\" c" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo '\\n'", new[] { "echo", "\\n" })]
    [InlineData("echo \"\\n\"", new[] { "echo", "\\n" })]
    [InlineData("echo \"\\$HOME\"", new[] { "echo", "$HOME" })]
    [InlineData("echo '' \"\"", new[] { "echo", "", "" })]
    [InlineData("a'b'\"c\"d", new[] { "abcd" })]
    [InlineData("echo *.txt $HOME", new[] { "echo", "*.txt", "$HOME" })]
    [InlineData("", new string[0])]
    public void I_can_write_a_command_as_a_string_split_like_sh_splits_words(string text, string[] expected)
    {
        var words = ShellWords.Split(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("echo 'oops")]
    [InlineData("echo \"oops")]
    public void I_get_an_error_for_an_unclosed_quote(string text)
    {
        Assert.Null(ShellWords.Split(text, out var error));
        Assert.Contains("not closed", error);
    }

    [Fact]
    public void I_get_each_word_expanded_after_splitting_so_a_value_with_spaces_stays_one_word()
    {
        using var dir = new ConfigDir();
        dir.Environment["DOCROOT"] = "/srv/my site";
        var config = dir.LoadValid("""
            [program.web]
            command = "php -S 0.0.0.0:8080 -t ${DOCROOT} 'it''s'"
            """);

        Assert.Equal(["php", "-S", "0.0.0.0:8080", "-t", "/srv/my site", "its"], Assert.Single(config.Programs).Command);
    }
}
