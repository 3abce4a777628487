using System.IO.Pipes;

namespace ContainerInit.Tests.Output;

/// <summary>A real OS pipe (pipe(2)): what a program's redirected stdout is, unlike a MemoryStream.</summary>
internal sealed class OsPipe : IDisposable
{
    private readonly AnonymousPipeServerStream _writer = new(PipeDirection.Out);

    public OsPipe()
    {
        Reader = new AnonymousPipeClientStream(PipeDirection.In, _writer.ClientSafePipeHandle);
    }

    /// <summary>The write end, as a child's stdout would be.</summary>
    public Stream Writer => _writer;

    /// <summary>The read end, as the supervisor hands it to a pump.</summary>
    public Stream Reader { get; }

    /// <summary>Closes the write end: the reader then sees EOF.</summary>
    public void CloseWriter() => _writer.Dispose();

    public void Dispose()
    {
        // The read end first: a thread blocked writing into a full pipe then gets EPIPE and returns.
        Reader.Dispose();
        _writer.Dispose();
    }
}
