using System.CommandLine;
using ImageRoll.Cli.Console;
using ImageRoll.Images.Archives;
using ImageRoll.Registry;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll push ARCHIVE --image REG/REPO:TAG [--tag T]... [--ref NAME]</c>: pushes an OCI layout directory, an
/// OCI archive or a docker save tar; prints the pushed digest reference as the last stdout line.
/// </summary>
public static class PushCommand
{
    public static Command Create(CliIO io)
    {
        var archive = new Argument<string>("ARCHIVE") { Description = "An OCI image layout directory, an OCI archive .tar, or a 'docker save' .tar." };
        var image = new Option<string>("--image", "-i") { Description = "Where to push: REG/REPO:TAG (no tag means latest).", Required = true };
        var tags = new Option<string[]>("--tag", "-t") { Description = "An extra tag to push the same manifest under. Repeatable.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var refName = new Option<string?>("--ref") { Description = "Which image of a multi-image archive: its ref name (org.opencontainers.image.ref.name) or RepoTag." };
        var command = new Command("push", "Push an image archive (OCI layout, OCI archive, docker save) to a registry; prints REG/REPO@sha256:... on stdout.");
        command.Arguments.Add(archive);
        command.Options.Add(image);
        command.Options.Add(tags);
        command.Options.Add(refName);
        CommonOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = new CommandContext(parseResult, io);
            var target = RegistryCommandSupport.ParseImage(parseResult.GetValue(image)!, "--image");
            using var session = RegistryCommandSupport.CreateSession(context);
            var source = await ImageSourceFactory.OpenAsync(parseResult.GetValue(archive)!, parseResult.GetValue(refName), ct).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var result = await new ImagePusher(session)
                    .PushAsync(source, target, parseResult.GetValue(tags) ?? [], RegistryCommandSupport.Progress(context), ct)
                    .ConfigureAwait(false);
                RegistryCommandSupport.WriteTransferResult(context, "push", null, result);
            }

            return CliApp.ExitSuccess;
        });
        return command;
    }
}
