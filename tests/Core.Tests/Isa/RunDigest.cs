using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Isa;

/// <summary>
/// A SHA-256 of every number a set of real runs produces (weights, epochs, curves, misclassified lists with their
/// logits and quantiles, summary): one digest whose equality across instruction sets means bit-identical results.
/// The runs cover both modes, the three norms, clipping, shuffling and the fused path (a group of all of them).
/// </summary>
internal static class RunDigest
{
    /// <summary>
    /// <see cref="Of"/> as computed once, on 2026-12-07 on an AVX-512 machine, whose AVX-512, AVX2, SSE-only
    /// (DOTNET_EnableAVX2=0) and scalar (DOTNET_EnableHWIntrinsic=0) paths all gave it. Pinned, so that every path
    /// drifting together fails too. A change in it is a change of results: regenerate it (<c>dotnet exec
    /// RobustGrid.Core.Tests.dll run-digest</c> in tests/Core.Tests/bin/Release/net10.0, on every path above) only
    /// with a change meant to alter what runs compute (or the fields of RunResult, which it serializes), and say so
    /// in that commit; never to make a test pass.
    /// </summary>
    public const string Golden = "31adda2253f26327dc936cc270920869706a83a0027e69d1e31fd37f7ffb7f0f";

    public static int Print(TextWriter output)
    {
        output.WriteLine(Of());
        return 0;
    }

    public static string Of()
    {
        BinaryTask task = BinaryTask.Create(DatasetLoader.LoadEmbedded(), 0, 1);
        RunPoint[] points = Points(task);
        var text = new StringBuilder();
        foreach (RunPoint point in points)
        {
            Append(text, RunExecutor.Execute(task, point));
        }
        // The fused path: the runs that share a batch order (all but the shuffled one) as one group.
        foreach (RunResult? result in RunExecutor.ExecuteGroup(task, [.. points.Where(p => !p.HyperParameters.Shuffle)]))
        {
            Append(text, result ?? throw new InvalidOperationException("a run of the group did not finish"));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static RunPoint[] Points(BinaryTask task)
    {
        var hp = new HyperParameters(Epochs: 2, BatchSize: 100, LearningRate: 1e-3f, LossReduction.Sum, Shuffle: false);
        RunPoint Point(TrainingMode mode, ThreatNorm norm, double eps, bool clip, bool shuffle = false) =>
            new("mnist-embedded", task.DatasetHash, 0, 1, mode, norm, eps, 7, hp with { Shuffle = shuffle }, new AttackGrid(0, 0.5, 21), clip, 5);
        return
        [
            Point(TrainingMode.Regular, ThreatNorm.Linf, 0, clip: false),
            Point(TrainingMode.Robust, ThreatNorm.Linf, 0.1, clip: false),
            Point(TrainingMode.Robust, ThreatNorm.Linf, 0.1, clip: true, shuffle: true),
            Point(TrainingMode.Robust, ThreatNorm.L2, 1.0, clip: false),
            Point(TrainingMode.Robust, ThreatNorm.L1, 2.0, clip: true),
        ];
    }

    /// <summary>The result as JSON: System.Text.Json writes floats and doubles in their shortest round-trip form, so equal text means equal bits.</summary>
    private static void Append(StringBuilder text, RunResult result) =>
        text.AppendLine(JsonSerializer.Serialize(result with { Seconds = 0 }, _json));

    private static readonly JsonSerializerOptions _json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
