using Tomlyn.Serialization;

namespace ContainerInit.Config;

/// <summary>A config file as written, before defaults and checks (the source-generated Tomlyn model).</summary>
internal sealed class RawConfig
{
    [TomlPropertyName("init")]
    public RawInit? Init { get; set; }

    [TomlPropertyName("program")]
    public Dictionary<string, RawProgram>? Program { get; set; }

    /// <summary>Keys the model does not know, kept so that they can be reported.</summary>
    [TomlExtensionData]
    public Dictionary<string, object?>? Unknown { get; set; }
}
