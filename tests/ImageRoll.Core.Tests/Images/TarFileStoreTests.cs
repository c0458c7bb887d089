using System.Formats.Tar;
using ImageRoll.Images.Archives;

namespace ImageRoll.Core.Tests.Images;

public sealed class TarFileStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-tar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.V7)]
    public void Indexes_every_format_with_long_names_and_links_and_reads_by_offset(TarEntryFormat format)
    {
        var tar = Path.Combine(_dir, $"{format}.tar");
        var longName = format is TarEntryFormat.V7 or TarEntryFormat.Ustar ? "dir/short.bin" : "dir/" + new string('n', 150) + ".bin";
        var first = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var second = Enumerable.Range(0, 513).Select(i => (byte)(i * 7)).ToArray();
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, format))
        {
            writer.WriteEntry(Entry(format, TarEntryType.Directory, "dir/"));
            var a = Entry(format, format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile, longName);
            a.DataStream = new MemoryStream(first);
            writer.WriteEntry(a);
            var b = Entry(format, format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile, "./other/b");
            b.DataStream = new MemoryStream(second);
            writer.WriteEntry(b);
            var sym = Entry(format, TarEntryType.SymbolicLink, "other/link");
            sym.LinkName = "b";
            writer.WriteEntry(sym);
            var hard = Entry(format, TarEntryType.HardLink, "hard");
            hard.LinkName = longName;
            writer.WriteEntry(hard);
        }

        using var store = TarFileStore.Load(tar);
        Assert.Equal(first, Read(store, longName));
        Assert.Equal(second, Read(store, "other/b"));
        Assert.Equal(second, Read(store, "other/link"));
        Assert.Equal(first, Read(store, "./hard"));
        Assert.False(store.Exists("dir"));
        Assert.Throws<FileNotFoundException>(() => store.Open("absent"));
    }

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name) => format switch
    {
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        TarEntryFormat.Pax => new PaxTarEntry(type, name),
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        _ => new V7TarEntry(type, name),
    };

    private static byte[] Read(TarFileStore store, string name)
    {
        using var s = store.Open(name);
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        Assert.Equal(store.Length(name), copy.Length);
        return copy.ToArray();
    }
}
