using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 6: loss and accuracy per epoch, per model, over seeds: test as a mean line with a min-max band, train dashed.</summary>
internal static class TrainingCurvesFigure
{
    public const int PanelWidth = 560, PanelHeight = 400;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var loss = new Plot();
        var accuracy = new Plot();
        bool any = false;
        for (int m = 0; m < section.Models.Count; m++)
        {
            ReportModel model = section.Models[m];
            TrainingBands bands = model.Training;
            if (bands.TestLoss.X.Length == 0)
            {
                continue;
            }
            any = true;
            Color color = ModelColors.Of(m);
            Add(loss, bands.TestLoss, bands.TrainLoss, color, model.Key.Label);
            Add(accuracy, bands.TestAccuracy, bands.TrainAccuracy, color, model.Key.Label);
        }
        if (!any)
        {
            return null;
        }
        loss.Title("Loss per epoch (test: plain hinge)", 13);
        loss.YLabel("loss");
        accuracy.Title("Clean accuracy per epoch", 13);
        accuracy.YLabel("accuracy");
        foreach (Plot p in new[] { loss, accuracy })
        {
            p.XLabel("epoch");
            p.ShowLegend(Alignment.UpperRight);
        }
        string file = section.Key.Slug + "-training.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), [loss, accuracy], 2, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Training curves",
            "Per epoch, the test loss (plain hinge) and test accuracy as the mean over seeds with a min-max band, and the train values "
            + "(running means over the epoch's batches; robust runs report their robust loss) dashed. After the last epoch the mean test accuracy is "
            + Captions.PerModel(section.Models, m => m.Training.TestAccuracy.X.Length == 0 ? null : Captions.Percent(m.Training.TestAccuracy.Mean[^1]))
            + " and the mean test loss "
            + Captions.PerModel(section.Models, m => m.Training.TestLoss.X.Length == 0 ? null : m.Training.TestLoss.Mean[^1].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))
            + ".");
    }

    private static void Add(Plot plot, SeedBands testBand, SeedBands trainBand, Color color, string label)
    {
        var fill = plot.Add.FillY(testBand.X, testBand.Min, testBand.Max);
        fill.FillColor = color.WithAlpha(0.18);
        fill.LineWidth = 0;
        var testLine = plot.Add.Scatter(testBand.X, testBand.Mean, color);
        testLine.LineWidth = 2;
        testLine.LegendText = label + " test";
        var trainLine = plot.Add.Scatter(trainBand.X, trainBand.Mean, color);
        trainLine.LineWidth = 1.5f;
        trainLine.LinePattern = LinePattern.Dashed;
        trainLine.MarkerSize = 0;
        trainLine.LegendText = label + " train";
    }
}
