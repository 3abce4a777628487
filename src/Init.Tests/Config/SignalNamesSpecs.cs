using ContainerInit.Signals;
using Xunit;
using ContainerInit.Config;

namespace ContainerInit.Tests.Config;

public sealed class SignalNamesSpecs
{
    [Theory]
    [InlineData("HUP", 1)]
    [InlineData("SIGINT", 2)]
    [InlineData("kill", 9)]
    [InlineData("USR2", 12)]
    [InlineData("CHLD", 17)]
    [InlineData("IO", 29)]
    [InlineData("POLL", 29)]
    [InlineData("SYS", 31)]
    [InlineData("34", 34)]
    public void I_can_parse_signal_names_and_numbers(string text, int expected)
    {
        Assert.True(SignalNames.TryParse(text, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("TERMINATE")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("")]
    public void I_cannot_parse_what_is_not_a_signal(string text) => Assert.False(SignalNames.TryParse(text, out _));

    [Theory]
    [InlineData(3, "SIGQUIT")]
    [InlineData(15, "SIGTERM")]
    [InlineData(29, "SIGIO")]
    [InlineData(40, "SIG40")]
    public void I_can_name_a_signal_number(int number, string expected) => Assert.Equal(expected, SignalNames.NameOf(number));
}
