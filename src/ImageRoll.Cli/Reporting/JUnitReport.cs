using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ImageRoll.Release;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// JUnit XML of a release for Jenkins' <c>junit</c> step (the Ant/Surefire shape it reads): one test case per workload
/// rollout, named <c>KIND/NAME</c> in class <c>imageroll.NAMESPACE</c>; a failed or timed-out rollout is a
/// <c>failure</c> whose text is the evidence; a workload the release never reached is <c>skipped</c>. When the release
/// failed outside the rollouts (the image, the tag, bad input), a test case <c>release</c> carries that error, so the
/// build never shows green for a release that did not happen. A pure rendering of <see cref="ReleaseResult"/>.
/// </summary>
public static class JUnitReport
{
    public static XDocument Render(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cases = result.Workloads.Select(Case).ToList();
        var workloadFailure = result.Workloads.Any(w => w.Outcome is WorkloadOutcome.Failed or WorkloadOutcome.TimedOut);
        if (result.Error is { } error && !workloadFailure)
        {
            cases.Insert(0, new XElement("testcase",
                new XAttribute("classname", "imageroll"),
                new XAttribute("name", "release"),
                new XAttribute("time", Seconds(result.Elapsed)),
                new XElement("failure", new XAttribute("message", $"{error.Code}: {error.Message}"), new XAttribute("type", error.Code),
                    error.Hint is null ? error.Message : $"{error.Message}\nhint: {error.Hint}")));
        }

        int Count(string child) => cases.Count(c => c.Element(child) is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"imageroll release {result.DigestReference ?? result.Image}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", Count("failure")),
            new XAttribute("errors", 0),
            new XAttribute("skipped", Count("skipped")),
            new XAttribute("time", Seconds(result.Elapsed)),
            cases,
            new XElement("system-out", Properties(result)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("testsuites",
                new XAttribute("name", "imageroll"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", Count("failure")),
                new XAttribute("errors", 0),
                new XAttribute("time", Seconds(result.Elapsed)),
                suite));
    }

    /// <summary>The XML as written to <c>--junit PATH</c>: UTF-8 without a byte order mark, indented.</summary>
    public static string ToXml(ReleaseResult result)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            Render(result).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>What a person needs to see why a workload failed: kubectl's words, the evidence, the events, the rollback.</summary>
    public static string FailureText(WorkloadRelease w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var lines = new List<string> { w.Message };
        if (w.Evidence is { } e)
        {
            lines.AddRange(ReleaseText.Evidence(e));
        }

        if (w.Rollback is { } rb)
        {
            lines.Add(ReleaseText.Rollback($"{w.Kind.ToLowerInvariant()}/{w.Name}", rb));
        }

        return string.Join('\n', lines);
    }

    private static XElement Case(WorkloadRelease w)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"imageroll.{w.Namespace}"),
            new XAttribute("name", $"{w.Kind.ToLowerInvariant()}/{w.Name}"),
            new XAttribute("time", Seconds(w.TriggerDuration + w.RolloutDuration)));
        switch (w.Outcome)
        {
            case WorkloadOutcome.Failed or WorkloadOutcome.TimedOut:
                element.Add(new XElement("failure",
                    new XAttribute("message", w.Message),
                    new XAttribute("type", w.Outcome == WorkloadOutcome.TimedOut ? "TimedOut" : "RolloutFailed"),
                    FailureText(w)));
                break;
            case WorkloadOutcome.NotStarted or WorkloadOutcome.Planned:
                element.Add(new XElement("skipped", new XAttribute("message", w.Outcome == WorkloadOutcome.Planned ? $"dry run: {w.Message}" : $"not reached: {w.Message}")));
                break;
            default:
                element.Add(new XElement("system-out", w.Message));
                break;
        }

        return element;
    }

    private static string Properties(ReleaseResult r) => string.Join('\n', new[]
    {
        $"result: {ReleaseText.Status(r.Status)}",
        $"image: {r.DigestReference ?? r.Image}",
        r.PullSpec is null ? null : $"pull-spec: {r.PullSpec}",
        r.StreamTag is null ? null : $"stream-tag: {r.StreamTag}",
    }.Where(l => l is not null));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
