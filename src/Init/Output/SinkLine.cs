namespace ContainerInit.Output;

/// <summary>One complete output line waiting for the writer: a pooled buffer the sink owns until it is written.</summary>
internal readonly record struct SinkLine(byte[] Buffer, int Length, bool ToStderr);
