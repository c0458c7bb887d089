// Brings the code of a solution to the field-naming rule of the root .editorconfig, with Roslyn's Renamer (the symbol
// and every use of it, across projects), because `dotnet format`'s IDE1006 fix cannot fix a whole solution.
//   dotnet run --project build/tools/HouseRules -- fields Tasks.sln [--dry-run]
// The rule (keep in step with .editorconfig):
//   const and static readonly fields                 PascalCase
//   other private/protected/private protected fields _camelCase
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Rename;

if (args.Length < 2 || args[0] != "fields")
{
    Console.Error.WriteLine("usage: HouseRules fields SOLUTION [--dry-run]");
    return 2;
}

var dryRun = args.Contains("--dry-run");
using var workspace = MSBuildWorkspace.Create();
workspace.RegisterWorkspaceFailedHandler(e =>
{
    if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
    {
        Console.Error.WriteLine($"workspace: {e.Diagnostic.Message}");
    }
});
var solution = await workspace.OpenSolutionAsync(args[1]);
var root = Path.GetDirectoryName(Path.GetFullPath(args[1]))!;
var renamed = 0;

// Find the offenders once, then rename them one at a time, finding each again in the current solution (a rename
// changes the documents, so symbols found earlier are stale).
var targets = await OffendersAsync(solution);
foreach (var (path, fieldName, newName) in targets)
{
    Console.WriteLine($"{Path.GetRelativePath(root, path)}: {fieldName} -> {newName}");
    if (dryRun)
    {
        continue;
    }

    var field = await FindFieldAsync(solution, path, fieldName);
    if (field is null)
    {
        Console.Error.WriteLine($"  not found again: {fieldName} in {path}");
        continue;
    }

    solution = await Renamer.RenameSymbolAsync(solution, field, new SymbolRenameOptions(), newName);
    renamed++;
}

if (!dryRun && !workspace.TryApplyChanges(solution))
{
    Console.Error.WriteLine("could not write the changes");
    return 1;
}

Console.WriteLine($"{renamed} field(s) {(dryRun ? "to rename" : "renamed")}");
return 0;

static async Task<List<(string Path, string Field, string NewName)>> OffendersAsync(Solution solution)
{
    var found = new List<(string, string, string)>();
    var seen = new HashSet<(string, string)>();
    foreach (var project in solution.Projects)
    {
        foreach (var document in project.Documents)
        {
            if (document.FilePath is not { } path || path.Contains("/obj/", StringComparison.Ordinal) || !path.EndsWith(".cs", StringComparison.Ordinal))
            {
                continue;
            }

            var model = await document.GetSemanticModelAsync();
            var rootNode = await document.GetSyntaxRootAsync();
            foreach (var node in rootNode!.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (model!.GetDeclaredSymbol(node) is not IFieldSymbol field || field.IsImplicitlyDeclared)
                {
                    continue;
                }

                var wanted = Wanted(field);
                if (wanted is not null && wanted != field.Name && seen.Add((path, field.Name)))
                {
                    found.Add((path, field.Name, wanted));
                }
            }
        }
    }

    return found;
}

static async Task<IFieldSymbol?> FindFieldAsync(Solution solution, string path, string name)
{
    foreach (var id in solution.GetDocumentIdsWithFilePath(path))
    {
        var document = solution.GetDocument(id)!;
        var model = await document.GetSemanticModelAsync();
        var rootNode = await document.GetSyntaxRootAsync();
        foreach (var node in rootNode!.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (node.Identifier.ValueText == name && model!.GetDeclaredSymbol(node) is IFieldSymbol field)
            {
                return field;
            }
        }
    }

    return null;
}

static string? Wanted(IFieldSymbol field)
{
    var bare = field.Name.TrimStart('_');
    if (bare.Length == 0)
    {
        return null;
    }

    if (field.IsConst || (field.IsStatic && field.IsReadOnly))
    {
        return char.ToUpperInvariant(bare[0]) + bare[1..];
    }

    return field.DeclaredAccessibility switch
    {
        Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal => "_" + char.ToLowerInvariant(bare[0]) + bare[1..],
        _ => char.ToUpperInvariant(bare[0]) + bare[1..],
    };
}
