namespace ContainerInit.Tests.Output;

/// <summary>A destination that keeps every Write call apart, to check that each line was one write.</summary>
internal sealed class RecordingStream : Stream
{
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes
    {
        get
        {
            lock (_writes)
            {
                return _writes.ToArray();
            }
        }
    }

    public byte[] AllBytes() => Writes.SelectMany(w => w).ToArray();

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_writes)
        {
            _writes.Add(buffer.AsSpan(offset, count).ToArray());
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
