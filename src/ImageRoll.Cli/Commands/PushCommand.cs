using System.CommandLine;
using ImageRoll.Cli.Binding;
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
        var command = new Command("push", "Push an image archive (OCI layout, OCI archive, docker save) to a registry; prints REG/REPO@sha256:... on stdout.");
        command.Arguments.Add(archive);
        command.Options.Add(image);
        command.Options.Add(CliOptions.ExtraTags);
        command.Options.Add(CliOptions.ArchiveRef);
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = new CommandContext(parseResult, io);
            var b = context.Binder;
            var target = RegistryCommandSupport.ParseImage(parseResult.GetValue(image)!, "--image");
            var path = Path.GetFullPath(parseResult.GetValue(archive)!, b.WorkingDirectory);
            var tags = b.List(CliOptions.ExtraTags);
            var refName = b.Text(CliOptions.ArchiveRef);
            return await context.RunAsync(async deadline =>
            {
                using var session = context.CreateRegistrySession();
                var source = await ImageSourceFactory.OpenAsync(path, refName, deadline).ConfigureAwait(false);
                await using (source.ConfigureAwait(false))
                {
                    var result = await new ImagePusher(session).PushAsync(source, target, tags, RegistryCommandSupport.Progress(context), deadline).ConfigureAwait(false);
                    RegistryCommandSupport.WriteTransferResult(context, "push", null, result);
                }

                return CliApp.ExitSuccess;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
