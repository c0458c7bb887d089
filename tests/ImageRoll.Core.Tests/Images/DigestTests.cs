using System.Text;
using ImageRoll.Images;

namespace ImageRoll.Core.Tests.Images;

public class DigestTests
{
    // sha256 of the empty string and of "abc" (FIPS 180-2 test vectors).
    private const string Empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public async Task Computes_sha256_of_bytes_and_of_streams_incrementally()
    {
        Assert.Equal(Empty, Digest.ComputeSha256([]));
        Assert.Equal(Abc, Digest.ComputeSha256("abc"u8));
        var big = new byte[3 << 20];
        new Random(7).NextBytes(big);
        var (digest, length) = await Digest.ComputeSha256Async(new MemoryStream(big), TestContext.Current.CancellationToken);
        Assert.Equal(Digest.ComputeSha256(big), digest);
        Assert.Equal(big.Length, length);
        Assert.True(Digest.Matches(Abc, "abc"u8));
        Assert.False(Digest.Matches(Abc, "abd"u8));
    }

    [Theory]
    [InlineData(Abc, null)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", null)]
    [InlineData("sha256:abc", "IR2120")]
    [InlineData("sha256", "IR2120")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "IR2121")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8", "IR2122")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "IR2120")]
    public void Validates_algorithm_and_length(string digest, string? code)
    {
        Assert.Equal(code is null, Digest.IsValid(digest));
        if (code is not null)
        {
            var ex = Assert.Throws<ImageRollException>(() => Digest.Validate(digest, "the test"));
            Assert.Equal(code, ex.Code);
            Assert.Contains("the test", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DigestingStream_hashes_what_is_read_and_what_is_written()
    {
        var data = Encoding.ASCII.GetBytes(new string('z', 100_000));
        await using (var reading = new DigestingStream(new MemoryStream(data)))
        {
            await reading.CopyToAsync(Stream.Null, 777, TestContext.Current.CancellationToken);
            Assert.Equal(Digest.ComputeSha256(data), reading.GetDigest());
            Assert.Equal(data.Length, reading.BytesHashed);
        }

        var sink = new MemoryStream();
        using var writing = new DigestingStream(sink, leaveOpen: true);
        writing.Write("ab"u8);
        await writing.WriteAsync("c"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(Abc, writing.GetDigest());
        Assert.Equal("abc", Encoding.ASCII.GetString(sink.ToArray()));
        Assert.Throws<InvalidOperationException>(() => writing.Write("d"u8));
    }
}
