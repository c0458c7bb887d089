using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Registry;

namespace ImageRoll.Cli.Commands;

/// <summary><c>imageroll resolve IMAGE</c>: prints <c>REG/REPO@sha256:...</c> for a tag (or checks a digest exists).</summary>
public static class ResolveCommand
{
    public static Command Create(CliIO io)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image: REG/REPO[:TAG] or REG/REPO@sha256:... (no tag means latest)." };
        var command = new Command("resolve", "Resolve an image tag to its digest reference REG/REPO@sha256:... (printed on stdout).");
        command.Arguments.Add(image);
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = new CommandContext(parseResult, io);
            var reference = RegistryCommandSupport.ParseImage(parseResult.GetValue(image)!, "IMAGE");
            return await context.RunAsync(async deadline =>
            {
                using var session = context.CreateRegistrySession();
                var resolved = await session.ResolveAsync(reference, deadline).ConfigureAwait(false);
                context.WriteResult(
                    new JsonObject { ["status"] = "succeeded", ["image"] = reference.ToString(), ["digestReference"] = resolved.ToString(), ["digest"] = resolved.Digest },
                    resolved.ToString());
                return CliApp.ExitSuccess;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
