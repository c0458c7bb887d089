using System.IO.Compression;
using System.Text;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>Asserts that no form of any sentinel appears in a text, a file (binlogs are read decompressed) or a folder.</summary>
public static class LeakCheck
{
    public static void AssertNoneIn(IEnumerable<Sentinel> secrets, string? text, string where)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var secret in secrets)
        {
            if (secret.FindIn(text) is { } form)
            {
                var at = text.IndexOf(form, StringComparison.Ordinal);
                var from = Math.Max(0, at - 100);
                var around = new string([.. text[from..Math.Min(text.Length, at + form.Length + 40)].Select(c => char.IsControl(c) ? '.' : c)]);
                Assert.Fail($"The {secret.Kind} secret leaked into {where} (as '{form}'): ...{around}...");
            }
        }
    }

    /// <summary>
    /// The text without its <c>::add-mask::VALUE</c> lines: the one place a secret is written on purpose, for the
    /// GitHub Actions runner, which consumes them and hides VALUE from the log (actions/toolkit core.setSecret).
    /// </summary>
    public static string WithoutMaskCommands(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));

    /// <summary>The values of the <c>::add-mask::</c> lines (unescaped) with their line numbers.</summary>
    public static IReadOnlyList<(int Line, string Value)> MaskCommands(string text) =>
        [.. text.Split('\n').Select((l, i) => (Line: i, Text: l.TrimEnd('\r')))
            .Where(l => l.Text.StartsWith("::add-mask::", StringComparison.Ordinal))
            .Select(l => (l.Line, l.Text["::add-mask::".Length..].Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal)))];

    /// <summary>Every file under <paramref name="path"/> (or the file itself); a <c>.binlog</c> is checked raw and decompressed.</summary>
    public static int AssertNoneInFiles(IEnumerable<Sentinel> secrets, string path)
    {
        var list = secrets.ToList();
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : File.Exists(path) ? [path] : [];
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            AssertNoneIn(list, Encoding.UTF8.GetString(bytes), file);
            AssertNoneIn(list, Encoding.Latin1.GetString(bytes), file + " (bytes)");
            if (file.EndsWith(".binlog", StringComparison.Ordinal))
            {
                AssertNoneIn(list, Encoding.UTF8.GetString(Decompress(bytes)), file + " (decompressed records)");
            }
        }

        return files.Length;
    }

    /// <summary>The binlog's records: a gzip stream whose strings are UTF-8.</summary>
    public static byte[] Decompress(byte[] binlog)
    {
        using var gzip = new GZipStream(new MemoryStream(binlog), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
