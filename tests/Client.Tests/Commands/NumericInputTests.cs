namespace RobustGrid.Client.Tests.Commands;

/// <summary>
/// Every numeric flag and spec field takes only finite numbers in its range (SweepSpecLimits): NaN, infinities and
/// absurd magnitudes exit with 2 before anything is written (an exception escaping the command would fail the test).
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NumericInputTests : IDisposable
{
    private readonly TempDirectory _root = new("numbers");

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string> Flags()
    {
        string[] flags = ["--eps", "--epochs", "--batch-size", "--lr", "--attack-eps-max", "--attack-points", "--closest", "--concurrency", "--retries", "--seeds"];
        string[] values = ["nan", "NaN", "Infinity", "-Infinity", "inf", "1e308", "1e39", "-1e308", "99999999999999999999", "2147483647", "-2147483648"];
        var data = new TheoryData<string, string>();
        foreach (string flag in flags)
        {
            // Seeds are whole numbers up to 2^53 in magnitude: 2147483647 is a fine seed, 2^53 + 1 is not.
            foreach (string value in flag == "--seeds" ? [.. values.Where(v => !v.StartsWith("2147") && !v.StartsWith("-2147")), "9007199254740993", "-9007199254740993", "1..9007199254740993"] : values)
            {
                data.Add(flag, value);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public async Task Every_numeric_flag_refuses_non_finite_and_huge_values(string flag, string value)
    {
        string results = Path.Combine(_root.Path, "results");

        string[] args = flag == "--seeds" ? ["sweep", flag, value, "--results", results] : ["sweep", flag, value, "--seeds", "1", "--results", results];

        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(args));
        Assert.False(Directory.Exists(results), $"sweep {flag} {value} wrote something");
    }

    public static TheoryData<string, string> Fields()
    {
        string[] fields = ["eps", "epochs", "batchSize", "learningRate", "attackEpsMax", "attackPoints", "closestCount", "concurrency", "retries", "seeds"];
        string[] values = ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400", "1e308", "-1e308", "99999999999999999999", "2147483647", "-2147483648", "9007199254740993"];
        var data = new TheoryData<string, string>();
        foreach (string field in fields)
        {
            foreach (string value in field == "seeds" ? values.Where(v => !v.StartsWith("2147") && !v.StartsWith("-2147")) : values)
            {
                data.Add(field, field is "eps" or "seeds" ? $"[{value}]" : value);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Every_numeric_spec_field_refuses_non_finite_and_huge_values(string field, string json)
    {
        string spec = Path.Combine(_root.Path, "spec.json");
        File.WriteAllText(spec, $$"""{ "{{field}}": {{json}} }""");
        string results = Path.Combine(_root.Path, "results");

        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--spec", spec, "--results", results]));
        Assert.False(Directory.Exists(results), $"a spec with {field}: {json} wrote something");
    }
}
