using Tomlyn;
using Tomlyn.Model;

namespace ContainerInit.Config;

/// <summary>Names of TOML value types as a user reads them in a message.</summary>
internal static class TomlTypes
{
    public static string Describe(object? value) => value switch
    {
        string => "a string",
        long or int => "an integer",
        double or float => "a float",
        bool => "a boolean",
        TomlArray => "an array",
        TomlTable or System.Collections.IDictionary => "a table",
        TomlDateTime or DateTime or DateTimeOffset => "a date",
        null => "nothing",
        _ => "a " + value.GetType().Name,
    };
}
