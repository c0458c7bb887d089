using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.OpenShiftColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// ImageStreams and ImageStreamTags as openshift-apiserver pkg/image/printers/internalversion/printer.go prints them
/// (printImageStream, printImageStreamTag), DeploymentConfigs as pkg/apps/printers/internalversion/printer.go
/// (printDeploymentConfig): no AGE column there.
/// </summary>
internal static class OpenShiftPrinters
{
    public static TablePrinter ImageStream { get; } = new(
    [
        TableColumn.NameColumn,
        new("Image Repository", "string", D.ImageStreamDockerImageRepository),
        new("Tags", "string", "Human readable list of tags."),
        new("Updated", "string", "Last update time."),
    ], (stream, now) =>
    {
        var tags = Obj.Objects(stream, "status", "tags")
            .Select(t => (Name: Cells.Str(t, "tag"), Created: Obj.ParseTime(FirstCreated(t))))
            .ToList();
        var latest = tags.Select(t => t.Created).Where(c => c is not null).DefaultIfEmpty(null).Max();
        var updated = latest is { } l ? $"{HumanDuration.Words(now - l)} ago" : "";
        var repo = Obj.Str(stream, "spec", "dockerImageRepository") is { Length: > 0 } specRepo ? specRepo : Cells.Str(stream, "status", "dockerImageRepository");
        if (Obj.Str(stream, "status", "publicDockerImageRepository") is { Length: > 0 } publicRepo)
        {
            repo = publicRepo;
        }

        return Cells.Row(Obj.Name(stream), repo, TagsUpToWidth(tags, 40), updated);
    });

    public static TablePrinter ImageStreamTag { get; } = new(
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", D.ImageDockerImageReference),
        new("Updated", "string", "Last update time."),
        TableColumn.Wide("Image Name", D.ImageStreamTagImage),
    ], (istag, now) =>
    {
        var created = Obj.ParseTime(Obj.Str(istag, "metadata", "creationTimestamp"));
        var updated = $"{HumanDuration.Words(created is { } c ? now - c : TimeSpan.Zero)} ago";
        return Cells.Row(Obj.Name(istag), Cells.Str(istag, "image", "dockerImageReference"), updated, Cells.Str(istag, "image", "metadata", "name"));
    });

    public static TablePrinter DeploymentConfig { get; } = new(
    [
        TableColumn.NameColumn,
        new("Revision", "string", D.DcLatestVersion),
        new("Desired", "string", D.DcReplicas),
        new("Current", "string", D.DcUpdatedReplicas),
        new("Triggered By", "string", D.DcTriggers),
    ], (dc, _) =>
    {
        var replicas = Cells.Int(dc, "spec", "replicas").ToString(CultureInfo.InvariantCulture);
        var desired = Obj.Bool(dc, "spec", "test") ? $"{replicas} (during test)" : replicas;
        return Cells.Row(Obj.Name(dc), Cells.Int(dc, "status", "latestVersion"), desired, Cells.Int(dc, "status", "updatedReplicas"), TriggeredBy(dc));
    });

    private static string? FirstCreated(JsonObject tag) => Obj.Objects(tag, "items").Select(i => Obj.Str(i, "created")).FirstOrDefault();

    /// <summary>printTagsUpToWidth: newest first (imageapi SortStatusTags), as many as fit the width, "+ N more...".</summary>
    private static string TagsUpToWidth(List<(string Name, DateTimeOffset? Created)> statusTags, int preferredWidth)
    {
        var tags = statusTags
            .OrderByDescending(t => t.Created is { } c ? c.ToUnixTimeSeconds() : long.MinValue)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t.Name)
            .ToList();
        var remaining = preferredWidth;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            remaining -= tag.Length + 1;
            if (remaining >= 0)
            {
                continue;
            }

            if (i == 0)
            {
                tags = tags.Take(1).ToList();
                break;
            }

            var margin = preferredWidth / 4;
            if (margin < remaining + tag.Length && margin >= -remaining)
            {
                continue;
            }

            tags = tags.Take(i).ToList();
            break;
        }

        var hidden = statusTags.Count - tags.Count;
        return hidden > 0 ? string.Create(CultureInfo.InvariantCulture, $"{string.Join(',', tags)} + {hidden} more...") : string.Join(',', tags);
    }

    /// <summary>TRIGGERED BY: "config", "image(stream:tag)" for automatic image triggers, sorted and comma-joined.</summary>
    private static string TriggeredBy(JsonObject dc)
    {
        var containers = Obj.Objects(dc, "spec", "template", "spec", "containers").Select(c => Cells.Str(c, "name")).ToHashSet(StringComparer.Ordinal);
        var triggers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var trigger in Obj.Objects(dc, "spec", "triggers"))
        {
            var type = Cells.Str(trigger, "type");
            switch (type)
            {
                case "ConfigChange":
                    triggers.Add("config");
                    break;
                case "ImageChange":
                    if (Obj.At(trigger, "imageChangeParams") is JsonObject p && Obj.Bool(p, "automatic"))
                    {
                        var names = Obj.Array(p, "containerNames").Select(n => n?.GetValue<string>() ?? "").ToList();
                        var prefix = containers.Count != 1 && !names.All(containers.Contains)
                            ? string.Join(',', names.Order(StringComparer.Ordinal)) + ":"
                            : "";
                        var kind = Cells.Str(p, "from", "kind");
                        var from = Cells.Str(p, "from", "name");
                        triggers.Add(kind == "ImageStreamTag" ? $"image({prefix}{from})" : $"{kind}({prefix}{from})");
                    }

                    break;
                default:
                    triggers.Add(type);
                    break;
            }
        }

        return string.Join(',', triggers);
    }
}
