namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// README.md's troubleshooting table has exactly one row (code, what it means, the fix) for every IR code that src/
/// can raise, and no row for a code it cannot: adding a code to src without a row, or removing the last use of a code
/// while its row stays, fails here. The scan (<see cref="ErrorCodeScan"/>) reads string literals, constants wherever
/// they are declared (catalogue classes included) and MSBuild <c>Error Code=</c> attributes.
/// </summary>
public sealed class TroubleshootingTableTests
{
    [Fact]
    public void Every_code_src_can_raise_has_one_row_in_the_readme_troubleshooting_table_and_no_row_is_stale()
    {
        var raisable = ErrorCodeScan.Raisable(ErrorCodeScan.SourceFiles(Path.Combine(RepoFiles.Root, "src")));
        var malformed = new List<string>();
        var rows = ErrorCodeScan.TroubleshootingRows(File.ReadAllText(Path.Combine(RepoFiles.Root, "README.md")), malformed);

        // The scan finds catalogue constants of Core and MSBuild Error tasks (literals: the synthetic test below).
        Assert.True(raisable.Count >= 150, $"only {raisable.Count} codes found in src/: the scan is broken");
        Assert.Contains("IR2104", raisable.Keys); // ImageErrors.UpperCaseRepository: a constant
        Assert.Contains("IR1003", raisable.Keys); // RegistryErrors.AccessDenied: a constant
        Assert.Contains("IR5020", raisable.Keys); // buildMultiTargeting/ImageRoll.Tasks.targets: <Error Code=...>
        Assert.Empty(malformed);
        var problems = ErrorCodeScan.Problems(raisable, rows);
        Assert.True(problems.Count == 0, $"{problems.Count} problems with README.md's troubleshooting table:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Literals_used_constants_of_any_class_and_msbuild_errors_count_and_comments_and_unused_constants_do_not()
    {
        (string, string)[] files =
        [
            ("Core/Images/ImageErrors.cs", """
                namespace X;
                /// <summary>Codes IR2100-IR2199; "IR2199" is reserved.</summary>
                public static class ImageErrors
                {
                    public const string BadTag = "IR2105";
                    public const string Unused = "IR2106";
                    internal const string UsedHere = "IR2107";
                    public static Exception Tag() => new(UsedHere, "bad tag");
                }
                """),
            ("Core/Images/ImageReference.cs", """
                namespace X;
                public sealed class ImageReference
                {
                    // IR2108 is not raised here: "IR2108"
                    public static void Parse(string t) => throw ImageRollException(ImageErrors.BadTag, t);
                    public static void Empty() => throw ImageRollException("IR2100", "empty");
                    /* a block comment mentioning
                       "IR2109" */
                }
                """),
            ("Core/Codes.cs", """
                namespace X;
                public static class Codes { public const string Imported = "IR2110"; public const string NotImported = "IR2111"; }
                """),
            ("Core/User.cs", """
                using static X.Codes;
                namespace X;
                public static class User { public static string C() => Imported; }
                """),
            ("Core/Elsewhere.cs", """
                namespace X;
                public static class Elsewhere { public static string C() => NotImported; }
                """),
            ("Tasks/build/X.targets", """
                <Project>
                  <!-- <Error Code="IR5098" /> is commented out -->
                  <Target Name="T"><Error Condition="'$(A)' == ''" Code="IR5001" Text="..." /></Target>
                </Project>
                """),
        ];

        var raisable = ErrorCodeScan.Raisable(files);

        Assert.Equal(["IR2100", "IR2105", "IR2107", "IR2110", "IR5001"], raisable.Keys);
        Assert.StartsWith("Core/Images/ImageErrors.cs:5 (ImageErrors.BadTag, used at Core/Images/ImageReference.cs:5)", raisable["IR2105"], StringComparison.Ordinal);
        Assert.Equal("Tasks/build/X.targets:3", raisable["IR5001"]);
    }

    [Fact]
    public void A_missing_a_stale_a_duplicate_and_an_incomplete_row_are_each_reported()
    {
        const string Readme = """
            # X

            | code | meaning |
            |---|---|
            | IR9999 | a table outside the section is not read |

            ## Troubleshooting

            | code | what it means | the fix |
            |---|---|---|
            | `IR1000` | the registry is unreachable | start it |
            | IR1001 | TLS failed \| twice | pass --registry-ca |
            | IR1001 | again | again |
            | IR1002 | no fix given | |
            | IR3340 / IR3341 | two codes in one row | split it |
            | IR4444 | stale | remove |

            ## Next

            | IR8888 | after the section | not read |
            """;
        var malformed = new List<string>();

        var rows = ErrorCodeScan.TroubleshootingRows(Readme, malformed);
        var problems = ErrorCodeScan.Problems(
            new Dictionary<string, string> { ["IR1000"] = "a.cs:1", ["IR1001"] = "a.cs:2", ["IR1002"] = "a.cs:3", ["IR1003"] = "a.cs:4" }, rows);

        Assert.Equal(["IR1000", "IR1001", "IR1001", "IR1002", "IR4444"], rows.Select(r => r.Code));
        Assert.Equal(["TLS failed | twice", "pass --registry-ca"], rows[1].Cells);
        Assert.Contains("README.md:15: the first cell 'IR3340 / IR3341' is not one IR code", Assert.Single(malformed), StringComparison.Ordinal);
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IR1003 (raised at a.cs:4) has no row", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("README.md:16: IR4444 is not raised anywhere in src/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IR1001 has 2 rows (README.md lines 12, 13)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("README.md:14: IR1002 needs exactly two more cells", StringComparison.Ordinal));
    }

    [Fact]
    public void A_readme_without_the_section_is_reported()
    {
        var malformed = new List<string>();

        Assert.Empty(ErrorCodeScan.TroubleshootingRows("# X\n\n| IR1000 | a | b |\n", malformed));
        Assert.Equal("README.md has no '## Troubleshooting' section", Assert.Single(malformed));
    }
}
