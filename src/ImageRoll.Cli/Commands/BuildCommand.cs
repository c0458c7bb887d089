using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Build;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Docker;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll build --image REG/REPO[:TAG] (--project PATH | --dockerfile PATH [--context DIR]) ...</c>: builds and
/// pushes, then prints the verified <c>REG/REPO@sha256:...</c> as the last stdout line (docs/build.md).
/// </summary>
public static class BuildCommand
{
    public static Command Create(CliIO io)
    {
        var image = new Option<string>("--image") { Description = "Where to push: REG/REPO[:TAG] (no tag: latest).", Required = true };
        var builder = new Option<string?>("--builder") { Description = "sdk, dockerfile or existing (default: from --project / --dockerfile; neither: existing)." };
        var command = new Command("build", "Build an image (.NET SDK container publishing, a Dockerfile through Docker, or an existing image), push it, and print its REG/REPO@sha256 digest reference.")
        {
            image, CliOptions.Project, CliOptions.Dockerfile, CliOptions.BuildContext, CliOptions.BaseImage, CliOptions.BuildArgs, CliOptions.Labels,
            builder, CliOptions.Target, CliOptions.Pull, CliOptions.NoCache, CliOptions.Configuration,
        };
        CliOptions.AddRegistryOptions(command);

        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var b = ctx.Binder;
            b.CheckSourceOptions();
            var kind = ImageBuilderSelection.Choose(b.Text(builder), b.Text(CliOptions.Project), b.Text(CliOptions.Dockerfile));
            var request = new ImageBuildRequest
            {
                Image = RegistryCommandSupport.ParseImage(parseResult.GetValue(image)!, "--image"),
                Project = b.Text(CliOptions.Project),
                Dockerfile = b.Text(CliOptions.Dockerfile),
                Context = b.Text(CliOptions.BuildContext),
                BaseImage = b.Text(CliOptions.BaseImage) is { } baseImage ? RegistryCommandSupport.ParseImage(baseImage, "--base-image") : null,
                BuildArgs = KeyValueArguments.Parse(b.List(CliOptions.BuildArgs), "--build-arg", ctx.Env),
                Labels = KeyValueArguments.Parse(b.List(CliOptions.Labels), "--label", null),
                Target = b.Text(CliOptions.Target),
                Pull = b.Flag(CliOptions.Pull),
                NoCache = b.Flag(CliOptions.NoCache),
                InsecureRegistries = b.InsecureRegistries,
                Configuration = b.Text(CliOptions.Configuration) ?? "Release",
                WorkingDirectory = b.WorkingDirectory,
            };

            // Fail fast on a malformed DOCKER_HOST (exit 2) before anything is built.
            var dockerOptions = kind == ImageBuilderKind.Dockerfile ? DockerConnectionOptions.FromEnvironment(ctx.Env) : null;
            return await ctx.RunAsync(async deadline =>
            {
                using var session = ctx.CreateRegistrySession();
                var credentials = session.Options.Credentials;
                var probe = new RegistryDigestProbe(session);
                var logger = ctx.CreateLogger("ImageRoll.Build");
                using var docker = dockerOptions is null ? null : new DockerEngineClient(dockerOptions, ctx.CreateLogger("ImageRoll.Docker"));
                IImageBuilder imageBuilder = kind switch
                {
                    ImageBuilderKind.Sdk => new SdkImageBuilder(credentials, probe, logger) { Environment = ctx.Env },
                    ImageBuilderKind.Dockerfile => new DockerfileImageBuilder(docker!, credentials, probe, logger) { Environment = ctx.Env },
                    _ => new ExistingImageBuilder(probe, logger),
                };
                var result = await imageBuilder.BuildAsync(request, deadline).ConfigureAwait(false);
                ctx.WriteResult(ToJson(result), result.Image.ToString());
                return CliApp.ExitSuccess;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static JsonObject ToJson(ImageBuildResult result)
    {
        var labels = new JsonObject();
        foreach (var (k, v) in result.Labels)
        {
            labels[k] = v;
        }

        return new JsonObject
        {
            ["status"] = "built",
            ["builder"] = result.Builder.ToString().ToLowerInvariant(),
            ["image"] = result.Image.ToString(),
            ["digest"] = result.Image.Digest,
            ["tagged"] = result.Tagged.ToString(),
            ["labels"] = labels,
        };
    }
}
