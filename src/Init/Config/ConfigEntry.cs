namespace ContainerInit.Config;

/// <summary>One key as written in one file: its raw value and where to point when it is wrong.</summary>
internal sealed record ConfigEntry(string Key, object Value, KeyLocations Where, string[] Path)
{
    public SourceLocation KeyLocation => Where.KeyAt(Path) ?? Where.FileStart;

    public SourceLocation ValueLocation => Where.ValueAt(Path) ?? KeyLocation;

    /// <summary>Where item <paramref name="index"/> of an array value is written.</summary>
    public SourceLocation ItemLocation(int index) => Where.ValueAt([.. Path, $"[{index}]"]) ?? ValueLocation;
}
