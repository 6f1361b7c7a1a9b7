namespace RobustGrid.Core.Evaluation;

/// <summary>
/// The exact white-box attack when perturbed pixels must stay in [0, 1]. Moving coordinate j by d_j &gt;= 0 in the
/// direction -y sign(w_j) lowers the margin y f(x) by |w_j| d_j, and the box allows d_j &lt;= c_j, the room: c_j = x_j
/// when y w_j &gt; 0 (the pixel is pushed down), 1 - x_j when y w_j &lt; 0. The worst case at radius eps is
/// R(eps) = max { sum_j |w_j| d_j : 0 &lt;= d_j &lt;= c_j, ||d|| &lt;= eps }, solved per coordinate for each norm:
/// Linf: d_j = min(eps, c_j); L1: fractional knapsack, budget to the largest |w_j| first; L2: d_j = min(c_j, lambda |w_j|)
/// with lambda set so that ||d||_2 = eps (or every coordinate saturated).
/// </summary>
public static class BoxConstrainedAttack
{
    /// <summary>
    /// reductions[i * epsGrid.Length + g] = R_i(epsGrid[g]) for sample i (row i of <paramref name="pixels"/>, label labels[i]).
    /// Per sample: Linf O(d + 256 + grid) from a histogram of |w| by room level; L1 O(d + grid) after one sort of |w|;
    /// L2 O(d log d + grid). Throws <see cref="ArgumentException"/> on mismatched lengths or a grid that is not
    /// ascending, finite and &gt;= 0.
    /// </summary>
    public static void MarginReductions(ReadOnlySpan<float> weights, ReadOnlySpan<byte> pixels, ReadOnlySpan<sbyte> labels,
        ThreatNorm norm, ReadOnlySpan<double> epsGrid, Span<double> reductions)
    {
        int d = weights.Length, n = labels.Length, grid = epsGrid.Length;
        if ((long)n * d != pixels.Length || (long)n * grid != reductions.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixels, {labels.Length} labels and {reductions.Length} reductions do not fit {d} features and {grid} radii.");
        }
        for (int g = 0; g < grid; g++)
        {
            if (!double.IsFinite(epsGrid[g]) || epsGrid[g] < 0 || (g > 0 && epsGrid[g] < epsGrid[g - 1]))
            {
                throw new ArgumentException("The attack grid must be finite, >= 0 and ascending.", nameof(epsGrid));
            }
        }
        var solver = new Solver(weights);
        for (int i = 0; i < n; i++)
        {
            solver.Rooms(pixels.Slice(i * d, d), labels[i]);
            Span<double> row = reductions.Slice(i * grid, grid);
            switch (norm)
            {
                case ThreatNorm.Linf: solver.Linf(epsGrid, row); break;
                case ThreatNorm.L1: solver.L1(epsGrid, row); break;
                case ThreatNorm.L2: solver.L2(epsGrid, row); break;
                default: throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown threat norm.");
            }
        }
    }

    /// <summary>The worst perturbation itself, delta = x' - x (in pixel units / 255), for one sample at one radius.</summary>
    public static double[] WorstPerturbation(ReadOnlySpan<float> weights, ReadOnlySpan<byte> row, sbyte label, ThreatNorm norm, double eps)
    {
        if (row.Length != weights.Length)
        {
            throw new ArgumentException($"row has {row.Length} pixels for {weights.Length} weights.", nameof(row));
        }
        var solver = new Solver(weights);
        solver.Rooms(row, label);
        double[] amounts = solver.Amounts(norm, eps);
        var delta = new double[weights.Length];
        for (int j = 0; j < delta.Length; j++)
        {
            delta[j] = -label * Math.Sign(weights[j]) * amounts[j];
        }
        return delta;
    }

    /// <summary>Scratch state for one weight vector, reused across samples.</summary>
    private sealed class Solver
    {
        private readonly double[] _a;          // |w_j|
        private readonly float[] _w;
        private readonly int[] _byMagnitude;   // coordinates by |w| descending, ties by index
        private readonly double[] _room;       // c_j of the current sample
        private readonly byte[] _roomLevel;    // c_j * 255
        private readonly double[] _levelWeight = new double[256];
        private readonly int[] _byBreakpoint;
        private readonly double[] _breakpoint;

        public Solver(ReadOnlySpan<float> weights)
        {
            _w = weights.ToArray();
            _a = _w.Select(w => Math.Abs((double)w)).ToArray();
            _byMagnitude = Enumerable.Range(0, _w.Length).OrderByDescending(j => _a[j]).ThenBy(j => j).ToArray();
            _room = new double[_w.Length];
            _roomLevel = new byte[_w.Length];
            _byBreakpoint = new int[_w.Length];
            _breakpoint = new double[_w.Length];
        }

        public void Rooms(ReadOnlySpan<byte> row, sbyte label)
        {
            for (int j = 0; j < row.Length; j++)
            {
                byte level = label * _w[j] > 0 ? row[j] : (byte)(255 - row[j]);
                _roomLevel[j] = level;
                _room[j] = level / 255.0;
            }
        }

        /// <summary>R(eps) = sum over room levels k of A[k] * min(eps, k/255), with prefix sums over the levels.</summary>
        public void Linf(ReadOnlySpan<double> grid, Span<double> reductions)
        {
            Array.Clear(_levelWeight);
            for (int j = 0; j < _a.Length; j++)
            {
                _levelWeight[_roomLevel[j]] += _a[j];
            }
            double saturated = 0;                 // sum of A[k] * k/255 over levels below eps
            double open = _levelWeight.Sum();     // sum of A[k] over levels at or above eps
            int level = 0;
            for (int g = 0; g < grid.Length; g++)
            {
                while (level < 256 && level / 255.0 < grid[g])
                {
                    saturated += _levelWeight[level] * (level / 255.0);
                    open -= _levelWeight[level];
                    level++;
                }
                reductions[g] = saturated + grid[g] * Math.Max(open, 0);
            }
        }

        /// <summary>Greedy: spend eps on coordinates by decreasing |w|, each up to its room.</summary>
        public void L1(ReadOnlySpan<double> grid, Span<double> reductions)
        {
            int q = 0;
            double spent = 0, gained = 0;
            for (int g = 0; g < grid.Length; g++)
            {
                while (q < _byMagnitude.Length && spent + _room[_byMagnitude[q]] <= grid[g])
                {
                    int j = _byMagnitude[q++];
                    spent += _room[j];
                    gained += _a[j] * _room[j];
                }
                reductions[g] = q < _byMagnitude.Length ? gained + _a[_byMagnitude[q]] * (grid[g] - spent) : gained;
            }
        }

        /// <summary>d_j = min(c_j, lambda a_j): coordinates saturate in order of c_j / a_j as lambda grows.</summary>
        public void L2(ReadOnlySpan<double> grid, Span<double> reductions)
        {
            int m = SortBreakpoints();
            double saturatedC2 = 0, saturatedAC = 0, openA2 = 0;
            for (int q = 0; q < m; q++)
            {
                openA2 += _a[_byBreakpoint[q]] * _a[_byBreakpoint[q]];
            }
            int s = 0;
            for (int g = 0; g < grid.Length; g++)
            {
                double budget = grid[g] * grid[g];
                // Coordinate s saturates before the budget runs out when ||d(lambda = t_s)||^2 <= eps^2.
                while (s < m && saturatedC2 + _breakpoint[s] * _breakpoint[s] * openA2 <= budget)
                {
                    int j = _byBreakpoint[s++];
                    saturatedC2 += _room[j] * _room[j];
                    saturatedAC += _a[j] * _room[j];
                    openA2 -= _a[j] * _a[j];
                }
                double lambda = s < m && openA2 > 0 ? Math.Sqrt(Math.Max(budget - saturatedC2, 0) / openA2) : 0;
                reductions[g] = saturatedAC + lambda * Math.Max(openA2, 0);
            }
        }

        /// <summary>The optimal amounts d_j at one radius (the same rules, written per coordinate).</summary>
        public double[] Amounts(ThreatNorm norm, double eps)
        {
            var amounts = new double[_a.Length];
            switch (norm)
            {
                case ThreatNorm.Linf:
                    for (int j = 0; j < amounts.Length; j++)
                    {
                        amounts[j] = _a[j] == 0 ? 0 : Math.Min(eps, _room[j]);
                    }
                    break;
                case ThreatNorm.L1:
                    double left = eps;
                    foreach (int j in _byMagnitude)
                    {
                        if (_a[j] == 0 || left <= 0)
                        {
                            break;
                        }
                        amounts[j] = Math.Min(_room[j], left);
                        left -= amounts[j];
                    }
                    break;
                case ThreatNorm.L2:
                    int m = SortBreakpoints();
                    double lambda = Lambda(m, eps);
                    for (int q = 0; q < m; q++)
                    {
                        int j = _byBreakpoint[q];
                        amounts[j] = Math.Min(_room[j], lambda * _a[j]);
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown threat norm.");
            }
            return amounts;
        }

        private double Lambda(int m, double eps)
        {
            double saturatedC2 = 0, openA2 = 0;
            for (int q = 0; q < m; q++)
            {
                openA2 += _a[_byBreakpoint[q]] * _a[_byBreakpoint[q]];
            }
            int s = 0;
            while (s < m && saturatedC2 + _breakpoint[s] * _breakpoint[s] * openA2 <= eps * eps)
            {
                int j = _byBreakpoint[s++];
                saturatedC2 += _room[j] * _room[j];
                openA2 -= _a[j] * _a[j];
            }
            return s < m && openA2 > 0 ? Math.Sqrt(Math.Max(eps * eps - saturatedC2, 0) / openA2) : double.PositiveInfinity;
        }

        /// <summary>Coordinates that can move (|w| &gt; 0 and room &gt; 0), by breakpoint c_j / |w_j| ascending; returns their count.</summary>
        private int SortBreakpoints()
        {
            int m = 0;
            for (int j = 0; j < _a.Length; j++)
            {
                if (_a[j] > 0 && _room[j] > 0)
                {
                    _byBreakpoint[m] = j;
                    _breakpoint[m] = _room[j] / _a[j];
                    m++;
                }
            }
            Array.Sort(_breakpoint, _byBreakpoint, 0, m);
            return m;
        }
    }
}
