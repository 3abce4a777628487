using Xunit;
using System.Text;
using ContainerInit.Output;

namespace ContainerInit.Tests.Output;

public sealed class FilePumpSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("ci-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(int i) => $"line {i:D4} .........................\n"; // 35 bytes

    private static async Task PumpAsync(RotatingFileWriter writer, string text, int writeSize)
    {
        using var pipe = new OsPipe();
        Task pump = FilePump.RunAsync(pipe.Reader, writer);
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        for (int offset = 0; offset < bytes.Length; offset += writeSize)
        {
            pipe.Writer.Write(bytes, offset, Math.Min(writeSize, bytes.Length - offset));
            pipe.Writer.Flush();
        }
        pipe.CloseWriter();
        await pump.WaitAsync(Bound);
    }

    [Fact]
    public async Task Output_is_rotated_on_line_ends_keeping_the_configured_number_of_backups()
    {
        string path = Path.Combine(_dir, "app.log");
        string all = string.Concat(Enumerable.Range(0, 20).Select(Line));
        using (var writer = new RotatingFileWriter(path, maxBytes: 100, backups: 2))
        {
            // Writes of 50 bytes end mid-line, so the writer has to find the line ends itself.
            await PumpAsync(writer, all, writeSize: 50);
        }

        string current = File.ReadAllText(path);
        string backup1 = File.ReadAllText(path + ".1");
        string backup2 = File.ReadAllText(path + ".2");
        Assert.False(File.Exists(path + ".3"));
        foreach (string file in new[] { current, backup1, backup2 })
        {
            Assert.InRange(file.Length, 1, 100);
            Assert.EndsWith("\n", file);
            Assert.StartsWith("line ", file);
        }
        // Newest last: the three files are the end of the output, in order, nothing lost between them.
        Assert.EndsWith(backup2 + backup1 + current, all);
        Assert.EndsWith(Line(19), current);
    }

    [Fact]
    public async Task With_no_backups_the_file_is_truncated_in_place()
    {
        string path = Path.Combine(_dir, "app.log");
        using (var writer = new RotatingFileWriter(path, maxBytes: 100, backups: 0))
        {
            await PumpAsync(writer, string.Concat(Enumerable.Range(0, 10).Select(Line)), writeSize: 64);
        }

        Assert.Equal(Line(8) + Line(9), File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task With_max_bytes_zero_the_file_is_never_rotated_and_appends_to_what_was_there()
    {
        string path = Path.Combine(_dir, "app.log");
        File.WriteAllText(path, "before\n");
        string all = string.Concat(Enumerable.Range(0, 100).Select(Line));
        using (var writer = new RotatingFileWriter(path, maxBytes: 0, backups: 3))
        {
            await PumpAsync(writer, all, writeSize: 1000);
        }

        Assert.Equal("before\n" + all, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_cut_at_the_byte_limit()
    {
        string path = Path.Combine(_dir, "app.log");
        using (var writer = new RotatingFileWriter(path, maxBytes: 10, backups: 5))
        {
            await PumpAsync(writer, "abcdefghijklmnopqrstuvwxy", writeSize: 25);
        }

        Assert.Equal("abcdefghij", File.ReadAllText(path + ".2"));
        Assert.Equal("klmnopqrst", File.ReadAllText(path + ".1"));
        Assert.Equal("uvwxy", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_directory_is_an_error_naming_it()
    {
        string path = Path.Combine(_dir, "missing", "app.log");
        var error = Assert.Throws<IOException>(() => new RotatingFileWriter(path, 100, 1));
        Assert.Contains(Path.Combine(_dir, "missing"), error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task When_rotation_fails_output_goes_on_into_the_same_file()
    {
        string path = Path.Combine(_dir, "app.log");
        Directory.CreateDirectory(path + ".1"); // a directory where the first backup must go: the rename fails
        var notes = new List<string>();
        string all = string.Concat(Enumerable.Range(0, 10).Select(Line));
        using (var writer = new RotatingFileWriter(path, maxBytes: 100, backups: 1, note: notes.Add))
        {
            await PumpAsync(writer, all, writeSize: 64);
        }

        Assert.Equal(all, File.ReadAllText(path));
        Assert.NotEmpty(notes);
        Assert.InRange(notes.Count, 1, 4);
        Assert.Contains("cannot rotate", notes[0]);
    }
}
