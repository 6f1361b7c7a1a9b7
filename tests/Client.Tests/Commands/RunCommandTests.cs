using System.Text.Json;

namespace RobustGrid.Client.Tests.Commands;

[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("run", "--mode", "adversarial")]
    [InlineData("run", "--norm", "l3")]
    [InlineData("run", "--pair", "0")]
    [InlineData("run", "--pair", "0,0")]
    [InlineData("run", "--pair", "0,11")]
    [InlineData("run", "--mode", "robust", "--eps", "-0.1")]
    [InlineData("run", "--mode", "regular", "--eps", "0.1")]
    [InlineData("run", "--epochs", "0")]
    [InlineData("run", "--data-dir", "/nonexistent/robustgrid")]
    [InlineData("run", "--seed", "one")]
    [InlineData("run", "--no-such-flag")]
    [InlineData("no-such-command")]
    public async Task Bad_arguments_exit_with_2(params string[] args)
    {
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(args));
    }

    [Fact]
    public async Task Run_writes_the_documented_json()
    {
        using var dir = new TempDirectory("run");
        string path = Path.Combine(dir.Path, "run.json");
        int code = await CliApp.InvokeAsync(["run", "--mode", "robust", "--eps", "0.1", "--seed", "1", "--json", path]);

        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        Assert.StartsWith("rk1-", root.GetProperty("runKey").GetString());
        Assert.InRange(root.GetProperty("trainAccuracy").GetDouble(), 0.9, 1.0);
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.9, 1.0);
        Assert.Equal(101, root.GetProperty("curve").GetArrayLength());
        Assert.Equal(0.0, root.GetProperty("curve")[0].GetProperty("eps").GetDouble());
        Assert.Equal(root.GetProperty("testAccuracy").GetDouble(), root.GetProperty("curve")[0].GetProperty("accuracy").GetDouble());
        Assert.True(root.GetProperty("eps50").GetDouble() > 0);
        Assert.True(root.GetProperty("weightL1").GetDouble() > 0);
        Assert.Equal(784, root.GetProperty("weights").GetArrayLength());
        Assert.Equal(10, root.GetProperty("epochs").GetArrayLength());
        JsonElement epoch = root.GetProperty("epochs")[9];
        foreach (string field in new[] { "epoch", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy" })
        {
            Assert.True(epoch.TryGetProperty(field, out _), $"epochs[] lacks {field}");
        }
        JsonElement last = root.GetProperty("misclassified")[100];
        Assert.True(last.GetProperty("closest").GetArrayLength() > 0);
        Assert.True(last.GetProperty("closest")[0].TryGetProperty("testIndex", out _));
        Assert.True(last.GetProperty("closest")[0].TryGetProperty("logit", out _));
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }
}
