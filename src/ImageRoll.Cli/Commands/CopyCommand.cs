using System.CommandLine;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Registry;

namespace ImageRoll.Cli.Commands;

/// <summary><c>imageroll copy SRC DST</c>: registry to registry, multi-arch indexes included; prints the destination digest reference.</summary>
public static class CopyCommand
{
    public static Command Create(CliIO io)
    {
        var source = new Argument<string>("SRC") { Description = "Source image: REG/REPO[:TAG] or REG/REPO@sha256:..." };
        var destination = new Argument<string>("DST") { Description = "Destination: REG/REPO[:TAG] (no tag: the source's tag; by digest only when the source is a digest)." };
        var command = new Command("copy", "Copy an image between repositories or registries (mounting blobs within one registry, streaming between registries).");
        command.Arguments.Add(source);
        command.Arguments.Add(destination);
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = new CommandContext(parseResult, io);
            var from = RegistryCommandSupport.ParseImage(parseResult.GetValue(source)!, "SRC");
            var to = RegistryCommandSupport.ParseImage(parseResult.GetValue(destination)!, "DST");
            return await context.RunAsync(async deadline =>
            {
                using var session = context.CreateRegistrySession();
                var result = await new ImageCopier(session).CopyAsync(from, to, RegistryCommandSupport.Progress(context), deadline).ConfigureAwait(false);
                RegistryCommandSupport.WriteTransferResult(context, "copy", from, result);
                return CliApp.ExitSuccess;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
