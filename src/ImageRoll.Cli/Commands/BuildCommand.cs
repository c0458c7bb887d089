using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Build;
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
        var project = new Option<string?>("--project") { Description = "The .NET project (file or folder) for the sdk builder." };
        var dockerfile = new Option<string?>("--dockerfile", "-f") { Description = "The Dockerfile for the dockerfile builder." };
        var context = new Option<string?>("--context") { Description = "The build context folder (default: the Dockerfile's folder)." };
        var baseImage = new Option<string?>("--base-image") { Description = "Base image: ContainerBaseImage for the SDK; build arg BASE_IMAGE for a Dockerfile." };
        var buildArgs = new Option<string[]>("--build-arg") { Description = "K=V build argument (K alone: from the environment). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var labels = new Option<string[]>("--label") { Description = "K=V image label. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var builder = new Option<string?>("--builder") { Description = "sdk, dockerfile or existing (default: from --project / --dockerfile; neither: existing)." };
        builder.AcceptOnlyFromAmong("sdk", "dockerfile", "existing");
        var target = new Option<string?>("--target") { Description = "Dockerfile stage to build." };
        var pull = new Option<bool>("--pull") { Description = "Always pull a newer base image (Dockerfile builds)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not use the build cache (Dockerfile builds)." };
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration for the sdk builder.", DefaultValueFactory = _ => "Release" };

        var command = new Command("build", "Build an image (.NET SDK container publishing, a Dockerfile through Docker, or an existing image), push it, and print its REG/REPO@sha256 digest reference.")
        {
            image, project, dockerfile, context, baseImage, buildArgs, labels, builder, target, pull, noCache, configuration,
        };
        CommonOptions.AddRegistryOptions(command);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var logger = ctx.CreateLogger("ImageRoll.Build");
            var kind = ImageBuilderSelection.Choose(parseResult.GetValue(builder), parseResult.GetValue(project), parseResult.GetValue(dockerfile));
            var insecure = parseResult.GetValue(CommonOptions.InsecureRegistry) ?? [];
            var request = new ImageBuildRequest
            {
                Image = RegistryCommandSupport.ParseImage(parseResult.GetValue(image)!, "--image"),
                Project = parseResult.GetValue(project),
                Dockerfile = parseResult.GetValue(dockerfile),
                Context = parseResult.GetValue(context),
                BaseImage = parseResult.GetValue(baseImage) is { } b ? RegistryCommandSupport.ParseImage(b, "--base-image") : null,
                BuildArgs = KeyValueArguments.Parse(parseResult.GetValue(buildArgs), "--build-arg", ctx.Env),
                Labels = KeyValueArguments.Parse(parseResult.GetValue(labels), "--label", null),
                Target = parseResult.GetValue(target),
                Pull = parseResult.GetValue(pull),
                NoCache = parseResult.GetValue(noCache),
                InsecureRegistries = insecure,
                Configuration = parseResult.GetValue(configuration) ?? "Release",
                WorkingDirectory = Environment.CurrentDirectory,
            };

            // Fail fast on a malformed DOCKER_HOST (exit 2) before anything is built.
            var dockerOptions = kind == ImageBuilderKind.Dockerfile ? DockerConnectionOptions.FromEnvironment(ctx.Env) : null;
            using var session = RegistryCommandSupport.CreateSession(ctx);
            var credentials = session.Options.Credentials;
            var probe = new RegistryDigestProbe(session);
            DockerEngineClient? docker = null;
            try
            {
                IImageBuilder imageBuilder = kind switch
                {
                    ImageBuilderKind.Sdk => new SdkImageBuilder(credentials, probe, logger) { Environment = ctx.Env },
                    ImageBuilderKind.Dockerfile => new DockerfileImageBuilder(
                        docker = new DockerEngineClient(dockerOptions!, ctx.CreateLogger("ImageRoll.Docker")),
                        credentials, probe, logger) { Environment = ctx.Env },
                    _ => new ExistingImageBuilder(probe, logger),
                };
                var result = await imageBuilder.BuildAsync(request, cancellationToken).ConfigureAwait(false);
                var labelsJson = new JsonObject();
                foreach (var (k, v) in result.Labels)
                {
                    labelsJson[k] = v;
                }

                ctx.WriteResult(
                    new JsonObject
                    {
                        ["status"] = "built",
                        ["builder"] = result.Builder.ToString().ToLowerInvariant(),
                        ["image"] = result.Image.ToString(),
                        ["digest"] = result.Image.Digest,
                        ["tagged"] = result.Tagged.ToString(),
                        ["labels"] = labelsJson,
                    },
                    result.Image.ToString());
                return CliApp.ExitSuccess;
            }
            finally
            {
                docker?.Dispose();
            }
        });
        return command;
    }
}
