using RobustGrid.Core.Data;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests;

/// <summary>Small synthetic tasks and models for unit tests: seeded, with classes that a linear model can mostly separate.</summary>
internal static class TestTasks
{
    public static TaskSplit Split(int count, int features, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * features];
        var labels = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
            for (int j = 0; j < features; j++)
            {
                // The positive class is brighter on even features, the negative class on odd ones.
                bool bright = (j % 2 == 0) == (labels[i] > 0);
                pixels[i * features + j] = (byte)Math.Clamp(random.Next(0, 200) + (bright ? 55 : 0), 0, 255);
            }
        }
        return new TaskSplit(features, pixels, labels, Enumerable.Range(0, count).ToArray());
    }

    public static TaskSplit SplitOf(byte[] pixels, sbyte[] labels, int features) =>
        new(features, pixels, labels, Enumerable.Range(0, labels.Length).ToArray());

    public static BinaryTask Task(int trainCount, int testCount, int features, int seed)
    {
        IdxImages Images(TaskSplit s) => new(s.Count, 1, features, s.Pixels);
        byte[] Labels(TaskSplit s) => s.Labels.Select(l => l > 0 ? (byte)1 : (byte)0).ToArray();
        TaskSplit train = Split(trainCount, features, seed);
        TaskSplit test = Split(testCount, features, seed + 1000);
        var dataset = new Dataset($"synthetic-{seed}", "test", new LabeledSplit(Images(train), Labels(train)), new LabeledSplit(Images(test), Labels(test)));
        return BinaryTask.Create(dataset, 0, 1);
    }

    /// <summary>A model that separates <see cref="Split"/>'s classes: +scale on even features, -scale on odd ones, with noise.</summary>
    public static LinearModel Model(int features, int seed, float scale)
    {
        var random = new Random(seed);
        var w = new float[features];
        for (int j = 0; j < features; j++)
        {
            w[j] = (j % 2 == 0 ? scale : -scale) * (float)(0.5 + random.NextDouble());
        }
        return new LinearModel(w, (float)(random.NextDouble() - 0.5) * scale);
    }
}
