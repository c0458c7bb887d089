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
    public void Credentials_go_to_the_child_as_a_private_auth_file_it_names_never_as_DOTNET_variables()
    {
        var push = new RegistryCredential("u", "p@ss:w0rd", null);
        var pull = new RegistryCredential(null, null, "tok");
        string folder;
        using (var file = SdkRegistryAuthFile.Create([("127.0.0.1:5000", push), ("docker.io", pull)])!)
        {
            folder = file.Directory;
            var env = SdkContainerEnvironment.For(file.Path, hasPush: true, hasPull: true, ["127.0.0.1:5000", "reg.local"]);

            Assert.Equal(file.Path, env["REGISTRY_AUTH_FILE"]);
            Assert.Equal(file.Directory, env["DOCKER_CONFIG"]);
            Assert.Equal("127.0.0.1:5000;reg.local", env["DOTNET_CONTAINER_INSECURE_REGISTRIES"]);

            // The SDK's login variables would win over the file; ImageRoll's own and MSBuild's log-everything switch are withheld.
            foreach (var name in new[]
            {
                "DOTNET_CONTAINER_PUSH_REGISTRY_UNAME", "DOTNET_CONTAINER_PUSH_REGISTRY_PWORD", "DOTNET_CONTAINER_REGISTRY_UNAME",
                "DOTNET_CONTAINER_REGISTRY_PWORD", "SDK_CONTAINER_REGISTRY_UNAME", "SDK_CONTAINER_REGISTRY_PWORD",
                "DOTNET_CONTAINER_PULL_REGISTRY_UNAME", "DOTNET_CONTAINER_PULL_REGISTRY_PWORD",
                "IMAGEROLL_REGISTRY_USERNAME", "IMAGEROLL_REGISTRY_PASSWORD", "MSBUILDLOGALLENVIRONMENTVARIABLES",
            })
            {
                Assert.True(env.ContainsKey(name) && env[name] is null, name);
            }

            Assert.DoesNotContain(env.Values, v => v is not null && (v.Contains("p@ss", StringComparison.Ordinal) || v.Contains("tok", StringComparison.Ordinal)));

            var auths = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file.Path)).RootElement.GetProperty("auths");
            Assert.Equal("u:p@ss:w0rd", Decode(auths.GetProperty("127.0.0.1:5000").GetProperty("auth").GetString()!));
            Assert.Equal("tok", auths.GetProperty("docker.io").GetProperty("identitytoken").GetString());
            Assert.Equal("<token>:", Decode(auths.GetProperty("docker.io").GetProperty("auth").GetString()!));
            Assert.Equal("tok", auths.GetProperty("https://index.docker.io/v1/").GetProperty("identitytoken").GetString());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(file.Directory));
            }
        }

        Assert.False(Directory.Exists(folder), "the auth folder is deleted with the child");
    }

    [Fact]
    public void Without_a_login_there_is_no_auth_file_and_the_childs_own_login_variables_stay()
    {
        Assert.Null(SdkRegistryAuthFile.Create([("127.0.0.1:5000", null), ("", null)]));

        var env = SdkContainerEnvironment.For(null, hasPush: false, hasPull: false, []);

        Assert.False(env.ContainsKey("REGISTRY_AUTH_FILE"));
        Assert.False(env.ContainsKey("DOTNET_CONTAINER_PUSH_REGISTRY_PWORD"));
        Assert.Null(env["IMAGEROLL_REGISTRY_PASSWORD"]);
    }

    private static string Decode(string base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));

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
