using RobustGrid.Core.Data;

namespace RobustGrid.Core.Tests.Data;

public sealed class DatasetTests
{
    private const string FashionDirectory = "/usr/share/datasets/fashion-mnist";

    [Fact]
    [Trait("Category", "Unit")]
    public void Binary_task_maps_classes_to_minus_and_plus_one_in_dataset_order()
    {
        using var files = new IdxFiles();
        files.WriteDataset(train: 12, test: 6, classes: 3, gzip: false);
        Dataset dataset = DatasetLoader.LoadDirectory(files.Directory);

        BinaryTask task = BinaryTask.Create(dataset, 2, 0);

        Assert.Equal([0, 2, 3, 5, 6, 8, 9, 11], task.Train.SourceIndices);
        Assert.Equal(new sbyte[] { 1, -1, 1, -1, 1, -1, 1, -1 }, task.Train.Labels);
        for (int k = 0; k < task.Train.Count; k++)
        {
            Assert.Equal(dataset.Train.Row(task.Train.SourceIndices[k]).ToArray(), task.Train.Row(k).ToArray());
        }
        Assert.Equal(dataset.ContentHash, task.DatasetHash);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Binary_task_rejects_equal_or_absent_classes()
    {
        using var files = new IdxFiles();
        files.WriteDataset(train: 12, test: 6, classes: 3, gzip: false);
        Dataset dataset = DatasetLoader.LoadDirectory(files.Directory);

        Assert.Contains("two different classes", Assert.Throws<DatasetException>(() => BinaryTask.Create(dataset, 1, 1)).Message);
        var absent = Assert.Throws<DatasetException>(() => BinaryTask.Create(dataset, 0, 7));
        Assert.Contains("Class 7", absent.Message);
        Assert.Contains("0,1,2", absent.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Embedded_mnist_has_the_documented_split()
    {
        Dataset d = DatasetLoader.LoadEmbedded();
        Assert.Equal(("mnist-embedded", 8004, 1996, 28, 28), (d.Name, d.Train.Count, d.Test.Count, d.Train.Rows, d.Train.Columns));
        Assert.Equal(Enumerable.Range(0, 10), d.Classes);
        BinaryTask task = BinaryTask.Create(d, 0, 1);
        Assert.Equal((1703, 425), (task.Train.Count, task.Test.Count));
        Assert.Equal(200, task.Test.Labels.Count(l => l < 0));
        Assert.Equal(225, task.Test.Labels.Count(l => l > 0));
        Assert.Same(d, DatasetLoader.LoadEmbedded());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Fashion_mnist_loads_at_full_scale()
    {
        Assert.True(Directory.Exists(FashionDirectory), $"{FashionDirectory} is missing: apt-get install dataset-fashion-mnist (.ci/run installs it).");
        Dataset d = DatasetLoader.LoadDirectory(FashionDirectory);
        Assert.Equal((60_000, 10_000, 28, 28), (d.Train.Count, d.Test.Count, d.Train.Rows, d.Train.Columns));
        Assert.Equal(Enumerable.Range(0, 10), d.Classes);
        BinaryTask task = BinaryTask.Create(d, 0, 1);
        Assert.Equal((12_000, 2_000), (task.Train.Count, task.Test.Count));
    }
}
