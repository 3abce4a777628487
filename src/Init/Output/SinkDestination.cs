namespace ContainerInit.Output;

/// <summary>One of the init's own output streams, and whether it has stopped accepting writes.</summary>
internal sealed class SinkDestination(Stream stream, string name)
{
    public Stream Stream { get; } = stream;

    /// <summary>"stdout" or "stderr", for the one note written when the stream breaks.</summary>
    public string Name { get; } = name;

    // Read by pumps on other threads to drop lines early; written only by the writer thread.
    private volatile bool _broken;

    public bool IsBroken => _broken;

    public void MarkBroken() => _broken = true;
}
