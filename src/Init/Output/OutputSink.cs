using System.Buffers;
using System.Threading.Channels;

namespace ContainerInit.Output;

/// <summary>
/// The single owner of writes to the init's own stdout and stderr for programs in prefix mode.
/// </summary>
/// <remarks>
/// Overview. Many pumps (one per program stream) submit complete lines; one dedicated writer
/// thread writes each line with one <see cref="Stream.Write(byte[], int, int)"/> call, so two
/// programs' lines can never be split or interleaved (a pipe only makes writes of up to
/// PIPE_BUF = 4096 bytes atomic between writers, and our lines are up to 64 KiB, hence one writer).
///
/// The queue between them is bounded: when the init's stdout is slow, a pump waits, which holds
/// back only that program (its pipe fills and its writes block), never the supervisor, which does
/// not call in here. When a destination fails (EPIPE: nobody reads the container's output any
/// more) we write one note and drop that destination's lines from then on, never throwing into a
/// pump, so pumps keep draining their pipes and children are never stuck on a full pipe.
/// </remarks>
public sealed class OutputSink : IAsyncDisposable
{
    /// <summary>Lines queued before pumps must wait; at most 64 KiB each, so at most about 16 MiB.</summary>
    public const int DefaultCapacity = 256;

    /// <summary>How long <see cref="DisposeAsync"/> waits for queued lines to be written.</summary>
    public static readonly TimeSpan DefaultDisposeTimeout = TimeSpan.FromSeconds(2);

    private readonly Channel<SinkLine> _lines;
    private readonly SinkDestination _stdout;
    private readonly SinkDestination _stderr;
    private readonly Action<string>? _note;
    private readonly TimeSpan _disposeTimeout;
    private readonly Task _writer;
    private int _disposed;

    /// <summary>Creates a sink writing to <paramref name="stdout"/> and <paramref name="stderr"/>, with <paramref name="note"/> told (once per stream) when one of them fails.</summary>
    public OutputSink(Stream stdout, Stream stderr, Action<string>? note = null, int capacity = DefaultCapacity, TimeSpan? disposeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _stdout = new SinkDestination(stdout, "stdout");
        _stderr = new SinkDestination(stderr, "stderr");
        _note = note;
        _disposeTimeout = disposeTimeout ?? DefaultDisposeTimeout;
        _lines = Channel.CreateBounded<SinkLine>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // A dedicated thread, not the thread pool: a write to a blocked stdout blocks it, and a
        // blocked pool thread would slow every other part of the init.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Queues <paramref name="prefix"/> + <paramref name="line"/> + '\n' as one line; waits only while the queue is full.</summary>
    public ValueTask WriteLineAsync(ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> line, bool toStderr, CancellationToken cancellationToken = default)
    {
        int length = prefix.Length + line.Length + 1;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        prefix.Span.CopyTo(buffer);
        line.Span.CopyTo(buffer.AsSpan(prefix.Length));
        buffer[length - 1] = (byte)'\n';
        return EnqueueAsync(buffer, length, toStderr, cancellationToken);
    }

    /// <summary>
    /// Queues a complete line (newline included) held in a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>; the sink owns the buffer from this call on, even when it throws.
    /// </summary>
    internal ValueTask EnqueueAsync(byte[] buffer, int length, bool toStderr, CancellationToken cancellationToken)
    {
        SinkDestination destination = toStderr ? _stderr : _stdout;
        var line = new SinkLine(buffer, length, toStderr);
        // Dropping here keeps a pump draining at full speed once nobody reads the destination.
        if (destination.IsBroken || Volatile.Read(ref _disposed) != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return ValueTask.CompletedTask;
        }
        return _lines.Writer.TryWrite(line) ? ValueTask.CompletedTask : WaitAndEnqueueAsync(line, cancellationToken);
    }

    private async ValueTask WaitAndEnqueueAsync(SinkLine line, CancellationToken cancellationToken)
    {
        try
        {
            await _lines.Writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Disposed while this pump waited: the output is being shut down, drop the line.
            ArrayPool<byte>.Shared.Return(line.Buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(line.Buffer);
            throw;
        }
    }

    private void WriteLoop()
    {
        ChannelReader<SinkLine> reader = _lines.Reader;
        while (true)
        {
            if (!reader.TryRead(out SinkLine line))
            {
                // Queue empty: push out anything a buffered stream holds before sleeping.
                Flush(_stdout);
                Flush(_stderr);
                // Blocking is what this thread is for; it has nothing else to do.
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }
                continue;
            }

            SinkDestination destination = line.ToStderr ? _stderr : _stdout;
            try
            {
                if (!destination.IsBroken)
                {
                    destination.Stream.Write(line.Buffer, 0, line.Length);
                }
            }
            catch (Exception e)
            {
                Break(destination, e);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(line.Buffer);
            }
        }
    }

    private void Flush(SinkDestination destination)
    {
        if (destination.IsBroken)
        {
            return;
        }
        try
        {
            destination.Stream.Flush();
        }
        catch (Exception e)
        {
            Break(destination, e);
        }
    }

    private void Break(SinkDestination destination, Exception e)
    {
        destination.MarkBroken();
        Note($"the init's {destination.Name} cannot be written ({e.Message}); program output for it is dropped from now on");
    }

    private void Note(string message)
    {
        try
        {
            _note?.Invoke(message);
        }
        catch
        {
            // A failing logger must not take the output writer down with it.
        }
    }

    /// <summary>Stops accepting lines and writes what is queued, waiting at most the dispose timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _lines.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(_disposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The destination is blocked (nobody reads the pipe); the writer is a background
            // thread, so leaving it behind does not keep the process alive.
            Note($"gave up writing queued program output after {_disposeTimeout.TotalSeconds:0.#} s: the init's output is blocked");
        }
    }
}
