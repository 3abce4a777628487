using Tomlyn;
using Tomlyn.Serialization;

namespace ContainerInit.Config;

/// <summary>Source-generated, reflection-free Tomlyn metadata for the raw config model (native AOT safe).</summary>
[TomlSerializable(typeof(RawConfig))]
internal sealed partial class RawTomlContext : TomlSerializerContext
{
    /// <summary>A context whose messages carry the file name.</summary>
    public RawTomlContext(TomlSerializerOptions options) : base(options)
    {
    }
}
