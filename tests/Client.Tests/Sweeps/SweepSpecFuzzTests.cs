using System.Text.Json.Nodes;
using CsCheck;
using RobustGrid.Client.Sweeps;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Client.Tests.Sweeps;

/// <summary>
/// Fuzzing the sweep-spec parser and validator for a bounded time: JSON objects built from the spec's own field
/// names (and some unknown ones) with values of every JSON type, and valid specs with their text mutated. A spec
/// either parses and then validates into runs or faults, or is refused with <see cref="SweepSpecException"/>;
/// nothing else may escape.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class SweepSpecFuzzTests
{
    private const int Seconds = 8;
    private static readonly Dataset _embedded = DatasetLoader.LoadEmbedded();

    private static readonly string[] _fields =
        ["pairs", "modes", "norms", "eps", "seeds", "epochs", "batchSize", "learningRate", "shuffle", "attackEpsMax",
         "attackPoints", "clip", "closestCount", "concurrency", "retries", "dataDir", "dataset", "unknownField"];

    private static readonly Gen<JsonNode?> _scalar = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int[-5, 300].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString()))),
        Gen.OneOf<string>("regular", "robust", "linf", "l2", "l1", "adversarial", "1..10", "10..1", "1..", "..", "", "0,1", "NaN", "-0.1", "/nonexistent")
            .Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> _value = Gen.OneOf(
        _scalar,
        _scalar.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items])),
        _scalar.Array[0, 3].Array[0, 3].Select(rows => (JsonNode?)new JsonArray([.. rows.Select(r => (JsonNode?)new JsonArray([.. r]))])));

    private static readonly Gen<string> _specs =
        Gen.Select(Gen.OneOf<string>(_fields).Array[0, 8], _value.Array[8], (names, values) =>
        {
            var root = new JsonObject();
            for (int i = 0; i < names.Length; i++)
            {
                root[names[i]] = values[i]?.DeepClone();
            }
            return root.ToJsonString();
        });

    [Fact]
    public void Generated_specs_parse_and_validate_or_are_refused_with_the_typed_error() =>
        _specs.Sample(CheckOne, time: Seconds, threads: 1, print: json => json);

    [Fact]
    public void Mutated_valid_specs_parse_and_validate_or_are_refused_with_the_typed_error()
    {
        const string valid = """{ "pairs": [[0, 1]], "modes": ["regular", "robust"], "norms": ["linf"], "eps": [0.1, 0.2], "seeds": "1..3", "epochs": 2, "clip": false }""";
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 3], Gen.Char, (at, kind, c) => kind switch
        {
            0 => valid.Remove(at, 1),
            1 => valid.Insert(at, c.ToString()),
            2 => valid[..at],
            _ => valid.Remove(at, 1).Insert(at, c.ToString()),
        }).Sample(CheckOne, time: Seconds, threads: 1, print: json => json);
    }

    private static void CheckOne(string json)
    {
        SweepSpec spec;
        try
        {
            spec = SweepSpecFile.Parse(json, "fuzz.json");
        }
        catch (SweepSpecException e)
        {
            Assert.StartsWith("fuzz.json", e.Message);
            return;
        }
        // Parsed: validation must answer with runs or faults, never throw.
        SweepPlanner.Plan plan = SweepPlanner.Create(spec, d => d.IsEmbedded ? _embedded : DatasetLoader.LoadDirectory(d.Directory!), maxRuns: 2000);
        Assert.True(plan.Faults.Count > 0 || plan.Runs.Count > 0, "a spec that expands to no runs must say why");
        Assert.Equal(plan.Runs.Count, plan.Runs.Select(r => r.Key).Distinct().Count());
    }
}
