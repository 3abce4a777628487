using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ContainerInit.Logging;

/// <summary>
/// Writes each event to a stream in one write call (so that a line never mixes with a program's output), from a
/// thread of its own: a stderr nobody reads blocks that thread, never the supervisor loop that logs.
/// </summary>
internal sealed class StreamSink : ILogEventSink, IDisposable
{
    /// <summary>Lines held while the stream is blocked; past this they are dropped and counted.</summary>
    private const int Capacity = 4096;

    /// <summary>How long disposal waits for queued lines to be written.</summary>
    private static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(1);

    private readonly Stream _stream;
    private readonly ITextFormatter _formatter;
    private readonly BlockingCollection<byte[]> _lines = new(Capacity);
    private readonly Thread _writer;
    private readonly Lock _formatGate = new();
    private readonly StringWriter _buffer = new(System.Globalization.CultureInfo.InvariantCulture);
    private int _dropped;

    public StreamSink(Stream stream, ITextFormatter formatter)
    {
        _stream = stream;
        _formatter = formatter;
        _writer = new Thread(WriteLines) { IsBackground = true, Name = "log writer" };
        _writer.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        byte[] line;
        lock (_formatGate)
        {
            _buffer.GetStringBuilder().Clear();
            _formatter.Format(logEvent, _buffer);
            line = Encoding.UTF8.GetBytes(_buffer.ToString());
        }
        if (_lines.IsAddingCompleted || !_lines.TryAdd(line)) Interlocked.Increment(ref _dropped);
    }

    private void WriteLines()
    {
        foreach (var line in _lines.GetConsumingEnumerable())
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) Write(Encoding.UTF8.GetBytes($"container-init: {dropped} log lines dropped while stderr was blocked\n"));
            Write(line);
        }
    }

    private void Write(byte[] bytes)
    {
        try
        {
            _stream.Write(bytes);
        }
        catch (IOException)
        {
            // stderr is closed or broken: there is nowhere left to say so, and the init must go on.
        }
    }

    public void Dispose()
    {
        _lines.CompleteAdding();
        // Bounded: an init that is exiting must not hang on a stderr nobody reads.
        _writer.Join(FlushLimit);
    }
}
