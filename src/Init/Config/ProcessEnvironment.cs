using System.Collections;

namespace ContainerInit.Config;

/// <summary>The init's own environment as a dictionary, the base every child's environment is built on.</summary>
internal static class ProcessEnvironment
{
    internal static Dictionary<string, string> Snapshot()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        return result;
    }
}
