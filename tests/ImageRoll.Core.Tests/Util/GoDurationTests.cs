using ImageRoll.Util;

namespace ImageRoll.Core.Tests.Util;

public class GoDurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("0", 0)]
    [InlineData("2m3s", 123_000)]
    public void Parses_kubectl_durations(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(milliseconds, (long)d.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("5 minutes")]
    [InlineData("-5m")]
    [InlineData("m")]
    public void Rejects_malformed_durations_with_IR2001(string text)
    {
        var ex = Assert.Throws<ImageRollException>(() => GoDuration.Parse(text));
        Assert.Equal("IR2001", ex.Code);
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_000, "1m30s")]
    [InlineData(0, "0s")]
    public void Formats_like_go(long milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
