using System.Xml.Linq;
using ImageRoll.Build;
using ImageRoll.Images;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Build;

public sealed class SdkImageBuilderTests
{
    [Fact]
    public void Publish_command_line_names_the_image_and_never_carries_credentials()
    {
        var request = new ImageBuildRequest
        {
            Image = ImageReference.Parse("127.0.0.1:5000/apps/web:1.2"),
            BaseImage = ImageReference.Parse("127.0.0.1:5000/base/dotnet:10"),
        };

        var args = SdkImageBuilder.Arguments(request, "/src/Web.csproj", "/tmp/x.targets");

        Assert.Equal(["publish", "/src/Web.csproj", "-t:PublishContainer", "-c", "Release"], args.Take(5));
        Assert.Contains("-p:ContainerRegistry=127.0.0.1:5000", args);
        Assert.Contains("-p:ContainerRepository=apps/web", args);
        Assert.Contains("-p:ContainerImageTags=1.2", args);
        Assert.Contains("-p:ContainerBaseImage=127.0.0.1:5000/base/dotnet:10", args);
        Assert.Contains("-p:CustomAfterDirectoryBuildTargets=/tmp/x.targets", args);
        Assert.DoesNotContain(args, a => a.Contains("PWORD", StringComparison.Ordinal) || a.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Credentials_go_to_the_sdk_environment_variables_and_insecure_registries_only_when_named()
    {
        var env = SdkContainerEnvironment.For(new RegistryCredential("u", "p", null), new RegistryCredential(null, null, "tok"), ["127.0.0.1:5000", "reg.local"]);

        Assert.Equal("u", env["DOTNET_CONTAINER_PUSH_REGISTRY_UNAME"]);
        Assert.Equal("p", env["DOTNET_CONTAINER_PUSH_REGISTRY_PWORD"]);
        Assert.Equal("u", env["DOTNET_CONTAINER_REGISTRY_UNAME"]);
        Assert.Equal("p", env["SDK_CONTAINER_REGISTRY_PWORD"]);
        Assert.Equal("<token>", env["DOTNET_CONTAINER_PULL_REGISTRY_UNAME"]);
        Assert.Equal("tok", env["DOTNET_CONTAINER_PULL_REGISTRY_PWORD"]);
        Assert.Equal("127.0.0.1:5000;reg.local", env["DOTNET_CONTAINER_INSECURE_REGISTRIES"]);

        var anonymous = SdkContainerEnvironment.For(null, null, []);
        Assert.Empty(anonymous);
    }

    [Fact]
    public void Targets_file_escapes_labels_for_msbuild_and_xml()
    {
        using var file = SdkTargetsFile.Create(new Dictionary<string, string> { ["com.example.v"] = "a;b $(X) @(Y) % \"q\" <t>" });

        var doc = XDocument.Load(file.Path);
        var label = doc.Descendants("ContainerLabel").Single();
        Assert.Equal("com.example.v", label.Attribute("Include")!.Value);
        Assert.Equal("a%3Bb %24%28X%29 %40%28Y%29 %25 \"q\" <t>", label.Attribute("Value")!.Value);
        Assert.Contains(doc.Descendants("Target"), t => t.Attribute("AfterTargets")!.Value == "PublishContainer");
        Assert.Null(file.ReadDigest());
    }

    [Fact]
    public void Project_folder_with_one_project_resolves_and_several_is_IR1201()
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-proj-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "A.csproj"), "<Project />");
            Assert.Equal(Path.Combine(dir, "A.csproj"), SdkImageBuilder.ResolveProject(dir, "/"));
            File.WriteAllText(Path.Combine(dir, "B.fsproj"), "<Project />");
            var ex = Assert.Throws<ImageRollException>(() => SdkImageBuilder.ResolveProject(dir, "/"));
            Assert.Equal(("IR1201", FailureKind.BadInput), (ex.Code, ex.Kind));
            Assert.Contains("A.csproj", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
