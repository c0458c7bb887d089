using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// One tag of an import: its name, the ImageImportSpec asked for (<c>from</c>, <c>importPolicy</c>,
/// <c>referencePolicy</c>) and what the registry answered.
/// </summary>
public sealed record TagImport(string Tag, JsonObject Spec, ImportOutcome Outcome);
