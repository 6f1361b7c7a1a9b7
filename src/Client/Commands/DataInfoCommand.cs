using System.CommandLine;
using RobustGrid.Core.Data;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid data info</c>: the datasets this machine can see, with sizes, classes and content hashes.</summary>
public static class DataInfoCommand
{
    /// <summary>Directories looked at besides the embedded dataset and any --data-dir.</summary>
    public static IReadOnlyList<string> WellKnownDirectories { get; } =
    [
        Path.Combine("data", "mnist"),
        "/usr/share/datasets/mnist",
        "/usr/share/datasets/fashion-mnist",
    ];

    public static Command Create()
    {
        var dataDir = DatasetOption.Create();
        var command = new Command("info", "List the datasets robustgrid can see: the embedded MNIST subset, fetched MNIST and Debian's dataset packages.") { dataDir };
        command.SetAction(parse =>
        {
            var table = new Table().AddColumns("dataset", "source", "train", "test", "image", "classes", "content hash");
            AddRow(table, "embedded", () => DatasetLoader.LoadEmbedded());
            var directories = WellKnownDirectories.Where(Directory.Exists).Select(Path.GetFullPath).ToList();
            if (parse.GetValue(dataDir) is { } extra)
            {
                directories.Insert(0, extra.FullName);
            }
            foreach (string directory in directories.Distinct())
            {
                AddRow(table, directory, () => DatasetLoader.LoadDirectory(directory));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Classes(IReadOnlyList<int> classes) =>
        classes.Count > 2 && classes[^1] - classes[0] == classes.Count - 1 ? $"{classes[0]}-{classes[^1]}" : string.Join(",", classes);

    private static void AddRow(Table table, string source, Func<Dataset> load)
    {
        try
        {
            Dataset d = load();
            table.AddRow(
                Markup.Escape(d.Name), Markup.Escape(d.Source), d.Train.Count.ToString(), d.Test.Count.ToString(),
                $"{d.Train.Rows}x{d.Train.Columns}", Classes(d.Classes), d.ContentHash[..12]);
        }
        catch (DatasetException e)
        {
            table.AddRow(new Markup("-"), new Text(source), new Markup($"[red]{Markup.Escape(e.Message)}[/]"), new Markup(""), new Markup(""), new Markup(""), new Markup(""));
        }
    }
}
