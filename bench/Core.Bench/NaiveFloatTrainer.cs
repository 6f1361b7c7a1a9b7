using System.Numerics.Tensors;
using RobustGrid.Core.Data;

namespace RobustGrid.Core.Bench;

/// <summary>
/// The straightforward implementation RobustGrid is measured against: rows held as float32 x = p/255,
/// one TensorPrimitives.Dot per row, one TensorPrimitives.MultiplyAdd per active row.
/// </summary>
internal sealed class NaiveFloatTrainer
{
    private readonly float[][] _rows;
    private readonly sbyte[] _labels;

    public NaiveFloatTrainer(BinaryTask task)
    {
        int d = task.Features;
        _labels = task.Train.Labels;
        _rows = new float[task.Train.Count][];
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i] = new float[d];
            for (int j = 0; j < d; j++)
            {
                _rows[i][j] = task.Train.Pixels[i * d + j] / 255f;
            }
        }
    }

    public float TrainRegular(int epochs, int batch, float learningRate)
    {
        int d = _rows[0].Length;
        var w = new float[d];
        var gradient = new float[d];
        float b = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int start = 0; start < _rows.Length; start += batch)
            {
                int m = Math.Min(batch, _rows.Length - start);
                Array.Clear(gradient);
                float gb = 0;
                for (int i = start; i < start + m; i++)
                {
                    float y = _labels[i];
                    if (1 - y * (TensorPrimitives.Dot(_rows[i], w) + b) > 0)
                    {
                        TensorPrimitives.MultiplyAdd(_rows[i], -y / m, gradient, gradient);
                        gb -= y / m;
                    }
                }
                TensorPrimitives.MultiplyAdd(gradient, -learningRate, w, w);
                b -= learningRate * gb;
            }
        }
        return b;
    }
}
