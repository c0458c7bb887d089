using ImageRoll.Build;

namespace ImageRoll.Core.Tests.Build;

public sealed class BuildOptionsTests
{
    [Theory]
    [InlineData(null, "p.csproj", null, ImageBuilderKind.Sdk)]
    [InlineData(null, null, "Dockerfile", ImageBuilderKind.Dockerfile)]
    [InlineData(null, null, null, ImageBuilderKind.Existing)]
    [InlineData("dockerfile", null, "Dockerfile", ImageBuilderKind.Dockerfile)]
    [InlineData("existing", null, null, ImageBuilderKind.Existing)]
    public void Builder_follows_the_option_or_the_input_given(string? builder, string? project, string? dockerfile, ImageBuilderKind expected) =>
        Assert.Equal(expected, ImageBuilderSelection.Choose(builder, project, dockerfile));

    [Theory]
    [InlineData(null, "p.csproj", "Dockerfile", "Both --project and --dockerfile")]
    [InlineData("sdk", null, "Dockerfile", "takes --project")]
    [InlineData("existing", "p.csproj", null, "neither")]
    [InlineData("kaniko", null, null, "'kaniko' is not a builder")]
    public void Contradicting_builder_options_are_IR1200(string? builder, string? project, string? dockerfile, string message)
    {
        var ex = Assert.Throws<ImageRollException>(() => ImageBuilderSelection.Choose(builder, project, dockerfile));
        Assert.Equal(("IR1200", FailureKind.BadInput), (ex.Code, ex.Kind));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_args_split_at_the_first_equals_and_bare_names_come_from_the_environment()
    {
        var env = new Dictionary<string, string> { ["FROM_ENV"] = "e" };
        var args = KeyValueArguments.Parse(["A=1", "B=x=y", "C=", "FROM_ENV", "UNSET"], "--build-arg", n => env.GetValueOrDefault(n));

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["C"] = string.Empty, ["FROM_ENV"] = "e" }, args);
    }

    [Theory]
    [InlineData("=v")]
    [InlineData(" K=v")]
    public void Malformed_key_value_is_IR1205_naming_it(string item)
    {
        var ex = Assert.Throws<ImageRollException>(() => KeyValueArguments.Parse([item], "--label", null));
        Assert.Equal(("IR1205", FailureKind.BadInput), (ex.Code, ex.Kind));
        Assert.Contains($"'{item}'", ex.Message, StringComparison.Ordinal);
    }
}
