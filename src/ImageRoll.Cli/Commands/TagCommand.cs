using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll tag REG/REPO@sha256:D STREAM:TAG</c>: tag like <c>oc tag --source=docker</c> (or import like
/// <c>oc import-image</c> with <c>--import</c>) and wait until the stream holds the image. The last stdout line is
/// the pull spec the trigger controllers will write.
/// </summary>
public static class TagCommand
{
    public static Command Create(CliIO io)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image, pinned by digest: REG/REPO@sha256:..." };
        var target = new Argument<string>("STREAM:TAG") { Description = "The image stream tag to set (NAMESPACE/STREAM:TAG also works)." };
        var scheduled = new Option<bool>("--scheduled") { Description = "Re-import the image periodically (importPolicy.scheduled)." };
        var useImport = new Option<bool>("--import") { Description = "Use one synchronous ImageStreamImport (oc import-image) instead of tagging." };
        var expected = new Option<string?>("--expected-image") { Description = "The digest the stream must end up with when it differs from IMAGE's (the linux/amd64 child of an index imported with Legacy)." };

        var command = new Command("tag", "Tag an image (by digest) into an OpenShift image stream, as oc tag --source=docker does, and wait for the import.")
        {
            image, target, CliOptions.ReferencePolicy, CliOptions.ImportMode, scheduled, CliOptions.CreateStream, useImport, expected,
        };
        CliOptions.AddClusterOptions(command);
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var b = ctx.Binder;
            var source = DigestPullSpec.Parse(parseResult.GetValue(image)!);
            if (parseResult.GetValue(expected) is { } expectedImage)
            {
                // Bad input is found before anything is written (issue 12, class 6).
                Images.Digest.Validate(expectedImage, "--expected-image");
            }

            var options = new TagOptions(source, StreamTagRef.Parse(parseResult.GetValue(target)!, b.Namespace))
            {
                ReferencePolicy = b.ReferencePolicy,
                ImportMode = b.ImportMode,
                Scheduled = parseResult.GetValue(scheduled),
                Insecure = b.IsInsecure(source.Registry),
                CreateStream = b.Flag(CliOptions.CreateStream),
                UseImport = parseResult.GetValue(useImport),
                ExpectedImage = parseResult.GetValue(expected),
            };
            return await ctx.RunAsync(async deadline =>
            {
                using (var session = ctx.CreateRegistrySession())
                {
                    // Either way the registry is asked first whether it has the image (a 404 tags nothing).
                    options = options.ExpectedImage is null && options.ImportMode == "Legacy"
                        ? options with { ExpectedImage = await LegacyImportImage.ExpectedImageAsync(session, source, ctx.CreateLogger("ImageRoll.Tag"), deadline).ConfigureAwait(false) }
                        : options;
                    if (options.ImportMode != "Legacy" || parseResult.GetValue(expected) is not null)
                    {
                        await LegacyImportImage.CheckSourceAsync(session, source, ctx.CreateLogger("ImageRoll.Tag"), deadline).ConfigureAwait(false);
                    }
                }

                options = options with { Timeout = ctx.Remaining };
                using var api = ctx.CreateKubeClient();
                var result = await new ImageStreamTagger(api, ctx.CreateLogger("ImageRoll.Tag")).TagAsync(options, deadline).ConfigureAwait(false);
                ctx.WriteResult(ToJson(result), $"{result.Namespace}/{result.Stream}:{result.Tag} {result.Image}", result.ResolvedPullSpec);
                return CliApp.ExitSuccess;
            }, ct, EngineSlack).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The CLI's deadline trails the engine's own (the import wait), so the engine's richer timeout error wins.</summary>
    internal static TimeSpan EngineSlack => TimeSpan.FromSeconds(2);

    internal static JsonObject ToJson(TagResult r) => new()
    {
        ["status"] = "tagged",
        ["namespace"] = r.Namespace,
        ["stream"] = r.Stream,
        ["tag"] = r.Tag,
        ["method"] = r.Method.ToString(),
        ["image"] = r.Image,
        ["dockerImageReference"] = r.DockerImageReference,
        ["resolved"] = r.ResolvedPullSpec,
        ["generation"] = r.Generation,
        ["warning"] = r.Warning,
    };
}
