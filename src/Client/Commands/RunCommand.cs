using System.CommandLine;
using RobustGrid.Client.Output;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid run</c>: train and attack one model in-process.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var mode = new Option<string>("--mode") { Description = "regular or robust training.", DefaultValueFactory = _ => "robust" };
        mode.AcceptOnlyFromAmong(EnumNames.All<TrainingMode>());
        var eps = NumberOption.Create<double>("--eps", "Training radius for robust mode (default 0.1); regular training has none.", "a finite number >= 0");
        var seed = NumberOption.Create("--seed", "Seed of the initialisation and shuffling.", "a whole number", 1L);
        var pair = new Option<string>("--pair") { Description = "Class pair a,b: a becomes -1, b becomes +1.", DefaultValueFactory = _ => "0,1" };
        var norm = new Option<string>("--norm") { Description = "Threat-model norm: linf (dual L1), l2, l1 (dual Linf).", DefaultValueFactory = _ => "linf" };
        norm.AcceptOnlyFromAmong(EnumNames.All<ThreatNorm>());
        var clip = new Option<bool>("--clip") { Description = "Keep attacked pixels inside [0,1] (the study did not)." };
        var shuffle = new Option<bool>("--shuffle") { Description = "Shuffle the training order every epoch (the study did not)." };
        var epochs = NumberOption.Create<int>("--epochs", "Epochs (preset: 10).", $"a whole number in 1..{HyperParameters.MaxEpochs}");
        var batch = NumberOption.Create<int>("--batch-size", "Batch size (preset: 100).", $"a whole number in 1..{HyperParameters.MaxBatchSize}");
        var lr = NumberOption.Create<float>("--lr", "Learning rate (preset: 0.1 regular, 1e-4 robust).", "a finite number greater than 0");
        var attackMax = NumberOption.Create("--attack-eps-max", "Largest attack radius.", "a finite number >= 0", 0.5);
        var attackPoints = NumberOption.Create("--attack-points", "Points of the attack grid from 0.", $"a whole number in 1..{AttackGrid.MaxCount}", 101);
        var closest = NumberOption.Create("--closest", "Misclassified samples kept per attack radius.", $"a whole number in 0..{RunPoint.MaxClosestCount}", RunPoint.DefaultClosestCount);
        var json = new Option<FileInfo?>("--json") { Description = "Write the full result as camelCase JSON to this file." };
        var dataDir = DatasetOption.Create();

        var command = new Command("run", "Train and attack one model in-process and print its summary.")
        {
            mode, eps, seed, pair, norm, clip, shuffle, epochs, batch, lr, attackMax, attackPoints, closest, json, dataDir,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var trainingMode = EnumNames.Parse<TrainingMode>(parse.GetValue(mode));
            HyperParameters preset = HyperParameters.SeedFaithful(trainingMode);
            var options = new RunOptions(
                trainingMode,
                parse.GetValue(eps) ?? (trainingMode == TrainingMode.Robust ? 0.1 : 0.0),
                parse.GetValue(seed),
                parse.GetValue(pair)!,
                EnumNames.Parse<ThreatNorm>(parse.GetValue(norm)),
                parse.GetValue(clip),
                new HyperParameters(
                    parse.GetValue(epochs) ?? preset.Epochs,
                    parse.GetValue(batch) ?? preset.BatchSize,
                    parse.GetValue(lr) ?? preset.LearningRate,
                    preset.Reduction,
                    parse.GetValue(shuffle)),
                new AttackGrid(0, parse.GetValue(attackMax), parse.GetValue(attackPoints)),
                parse.GetValue(closest),
                parse.GetValue(json),
                parse.GetValue(dataDir));
            return Task.FromResult(Execute(options, cancellationToken));
        });
        return command;
    }

    private sealed record RunOptions(
        TrainingMode Mode, double Eps, long Seed, string Pair, ThreatNorm Norm, bool Clip, HyperParameters HyperParameters,
        AttackGrid Grid, int Closest, FileInfo? Json, DirectoryInfo? DataDir);

    private static int Execute(RunOptions options, CancellationToken cancellationToken)
    {
        if (!ClassPair.TryParse(options.Pair, out int negative, out int positive))
        {
            return BadInput($"--pair must be two class labels a,b such as 0,1 (got '{options.Pair}').");
        }
        Dataset dataset;
        BinaryTask task;
        try
        {
            dataset = DatasetOption.Load(options.DataDir);
            task = BinaryTask.Create(dataset, negative, positive);
        }
        catch (DatasetException e)
        {
            return BadInput(e.Message);
        }

        var training = new TrainingSpec(options.Mode, options.Norm, options.Eps, options.Seed, options.HyperParameters);
        RunPoint point = RunExecutor.PointFor(task, training, options.Grid, options.Clip, options.Closest);
        IReadOnlyList<string> faults = point.Validate();
        if (faults.Count > 0)
        {
            return BadInput(string.Join(Environment.NewLine, faults));
        }

        RunResult result = RunExecutor.Execute(task, point, cancellationToken, keepLogits: options.Json is not null);
        RunSummaryPrinter.Print(dataset, task, result);
        if (options.Json is not null)
        {
            RunJson.WriteAtomically(result, options.Json.FullName);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{options.Json.FullName}[/]");
        }
        return ExitCodes.Success;
    }

    private static int BadInput(string message) => ErrorOutput.BadInput(message);
}
