using ContainerInit.Native;
using Xunit;

namespace ContainerInit.Tests.Config;

public sealed class UserLookupSpecs
{
    [Fact]
    public void I_can_look_up_root_by_name_and_by_uid()
    {
        Assert.True(Passwd.TryLookup("root", out var uid, out var gid, out var home));
        Assert.Equal(0u, uid);
        Assert.Equal(0u, gid);
        Assert.Equal("/root", home);

        Assert.True(Passwd.TryLookup(0u, out var name, out _, out _));
        Assert.Equal("root", name);
    }

    [Theory]
    [InlineData("no-such-user-here")]
    [InlineData("")]
    [InlineData("nul\0byte")]
    public void I_get_false_for_a_user_that_does_not_exist(string name) =>
        Assert.False(Passwd.TryLookup(name, out _, out _, out _));

    [Fact]
    public void I_get_false_for_a_uid_without_an_entry() =>
        Assert.False(Passwd.TryLookup(3_999_999_999u, out _, out _, out _));
}
