using Xunit;
using System.Diagnostics;
using System.Text;
using ContainerInit.Output;

namespace ContainerInit.Tests.Output;

public sealed class PrefixPumpSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_programs_printing_long_lines_never_interleave()
    {
        var stdout = new RecordingStream();
        var sink = new OutputSink(stdout, new RecordingStream(), capacity: 16);
        const int linesEach = 2000;
        using var pipeA = new OsPipe();
        using var pipeB = new OsPipe();

        Task pumpA = PrefixPump.RunAsync(pipeA.Reader, "alpha", sink, toStderr: false);
        Task pumpB = PrefixPump.RunAsync(pipeB.Reader, "beta", sink, toStderr: false);
        // Odd write sizes so that lines straddle the producers' writes and the pumps' reads.
        Task producerA = Task.Run(() => Produce(pipeA, 'a', linesEach, writeSize: 7919));
        Task producerB = Task.Run(() => Produce(pipeB, 'b', linesEach, writeSize: 4093));
        await Task.WhenAll(producerA, producerB, pumpA, pumpB).WaitAsync(Bound);
        await sink.DisposeAsync().AsTask().WaitAsync(Bound);

        var seen = new Dictionary<string, int> { ["alpha"] = 0, ["beta"] = 0 };
        foreach (byte[] write in stdout.Writes)
        {
            // One write is one whole line: newline only at its end.
            Assert.Equal((byte)'\n', write[^1]);
            Assert.Equal(write.Length - 1, Array.IndexOf(write, (byte)'\n'));
            string text = Encoding.ASCII.GetString(write, 0, write.Length - 1);
            string name = text[..text.IndexOf(" | ", StringComparison.Ordinal)];
            char fill = name == "alpha" ? 'a' : 'b';
            Assert.Equal(ExpectedLine(fill, seen[name]), text[(name.Length + 3)..]);
            seen[name]++;
        }
        Assert.Equal(linesEach, seen["alpha"]);
        Assert.Equal(linesEach, seen["beta"]);
    }

    private static string ExpectedLine(char fill, int index) =>
        $"{index:D5}:" + new string(fill, 10_000 + index * 37 % 10_000);

    private static void Produce(OsPipe pipe, char fill, int lines, int writeSize)
    {
        var all = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            all.Append(ExpectedLine(fill, i)).Append('\n');
        }
        byte[] bytes = Encoding.ASCII.GetBytes(all.ToString());
        for (int offset = 0; offset < bytes.Length; offset += writeSize)
        {
            pipe.Writer.Write(bytes, offset, Math.Min(writeSize, bytes.Length - offset));
        }
        pipe.CloseWriter();
    }

    [Fact]
    public async Task Bytes_pass_through_unchanged_including_invalid_utf8_and_carriage_returns()
    {
        var stdout = new RecordingStream();
        await using (var sink = new OutputSink(stdout, new RecordingStream()))
        {
            // A real child process, as the supervisor will have: printf's octal escapes give raw bytes.
            var start = new ProcessStartInfo("/bin/sh", ["-c", @"printf 'caf\303\251\r\n\377\376 bad\n\r\n\nend'"])
            {
                RedirectStandardOutput = true,
            };
            using Process child = Process.Start(start)!;
            await PrefixPump.RunAsync(child.StandardOutput.BaseStream, "web", sink, toStderr: false).WaitAsync(Bound);
            await child.WaitForExitAsync().WaitAsync(Bound);
        }

        byte[] expected =
        [
            .. "web | caf"u8, 0xC3, 0xA9, (byte)'\r', (byte)'\n',
            .. "web | "u8, 0xFF, 0xFE, .. " bad\n"u8,
            .. "web | \r\n"u8,
            .. "web | \n"u8,
            .. "web | end\n"u8,
        ];
        Assert.Equal(expected, stdout.AllBytes());
    }

    [Fact]
    public async Task A_last_line_without_a_newline_is_still_written_with_one()
    {
        var stderr = new RecordingStream();
        await using (var sink = new OutputSink(new RecordingStream(), stderr))
        {
            using var pipe = new OsPipe();
            Task pump = PrefixPump.RunAsync(pipe.Reader, "php-fpm", sink, toStderr: true);
            pipe.Writer.Write("first\nno newline"u8);
            pipe.CloseWriter();
            await pump.WaitAsync(Bound);
        }

        Assert.Equal(["php-fpm | first\n", "php-fpm | no newline\n"], stderr.Writes.Select(w => Encoding.ASCII.GetString(w)));
    }

    [Fact]
    public async Task A_line_longer_than_64_KiB_is_written_in_64_KiB_pieces()
    {
        var stdout = new RecordingStream();
        int size = PrefixPump.MaxLineBytes;
        await using (var sink = new OutputSink(stdout, new RecordingStream()))
        {
            using var pipe = new OsPipe();
            Task pump = PrefixPump.RunAsync(pipe.Reader, "p", sink, toStderr: false);
            Task producer = Task.Run(() =>
            {
                // Exactly 64 KiB stays whole; 2.5 x 64 KiB becomes three pieces.
                pipe.Writer.Write(Encoding.ASCII.GetBytes(new string('x', size) + "\n"));
                pipe.Writer.Write(Encoding.ASCII.GetBytes(new string('y', size * 2 + size / 2) + "\n"));
                pipe.CloseWriter();
            });
            await Task.WhenAll(pump, producer).WaitAsync(Bound);
        }

        int[] contentLengths = stdout.Writes.Select(w => w.Length - "p | ".Length - 1).ToArray();
        Assert.Equal([size, size, size, size / 2], contentLengths);
        Assert.All(stdout.Writes, w => Assert.True("p | "u8.SequenceEqual(w.AsSpan(0, 4))));
    }

    [Fact]
    public async Task A_closed_destination_does_not_stop_the_pump_from_draining_the_program()
    {
        var notes = new List<string>();
        using var destination = new OsPipe();
        destination.Reader.Dispose(); // nobody reads the init's stdout any more: writes get EPIPE
        var sink = new OutputSink(destination.Writer, new RecordingStream(), note: n => { lock (notes) notes.Add(n); }, capacity: 4);

        using var pipe = new OsPipe();
        Task pump = PrefixPump.RunAsync(pipe.Reader, "chatty", sink, toStderr: false);
        // Far more than a pipe buffer holds: the producer finishes only if the pump keeps reading.
        Task producer = Task.Run(() =>
        {
            byte[] line = Encoding.ASCII.GetBytes(new string('z', 10_000) + "\n");
            for (int i = 0; i < 1000; i++)
            {
                pipe.Writer.Write(line);
            }
            pipe.CloseWriter();
        });

        await Task.WhenAll(producer, pump).WaitAsync(Bound);
        await sink.DisposeAsync().AsTask().WaitAsync(Bound);
        lock (notes)
        {
            Assert.Single(notes);
            Assert.Contains("stdout", notes[0]);
        }
    }

    [Fact]
    public async Task Disposing_the_sink_while_its_destination_is_blocked_returns_in_bounded_time()
    {
        using var destination = new OsPipe(); // never read: the first writes fill it, then block
        var sink = new OutputSink(destination.Writer, new RecordingStream(), capacity: 2, disposeTimeout: TimeSpan.FromMilliseconds(200));
        byte[] big = new byte[100_000];
        for (int i = 0; i < 2; i++)
        {
            await sink.WriteLineAsync("x | "u8.ToArray(), big, toStderr: false).AsTask().WaitAsync(Bound);
        }

        var clock = Stopwatch.StartNew();
        await sink.DisposeAsync().AsTask().WaitAsync(Bound);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }
}
