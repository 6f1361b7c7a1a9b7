using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Numerics;

/// <summary>
/// Hand-written SIMD kernels over byte pixel rows, the hot loops of training. Each has a plain scalar twin
/// (<c>...Scalar</c>) that defines its result; tests compare the two for every length 0..256 and large ones.
/// The summation order of a kernel is one order on every machine (<see cref="CanonicalSum"/>: 16 lanes, each an
/// FMA chain, folded in a fixed tree), whether it runs with AVX-512, AVX2 or no SIMD at all, so a run's results are
/// the same bits on any of them.
/// The kernels (like the training and evaluation loops that call them) are compiled fully optimized on their first
/// call (<see cref="MethodImplOptions.AggressiveOptimization"/>): in a fresh process they would otherwise run as
/// unoptimized tier-0 code until the tiered JIT caught up, which made a cold 400-run sweep ~20% slower.
/// </summary>
public static partial class PixelKernels
{
    /// <summary>
    /// Returns sum_j row[j] * weights[j], the dot product of a byte row (pixel values 0..255) with float weights.
    /// Returns 0 for empty inputs. Throws <see cref="ArgumentException"/> when the lengths differ. A row's sum is
    /// accumulated in the same order here and in <see cref="Logits"/>, so both give the same bits for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe float DotBytes(ReadOnlySpan<byte> row, ReadOnlySpan<float> weights)
    {
        CheckSameLength(row.Length, weights.Length);
        fixed (byte* pr = row)
        fixed (float* pw = weights)
        {
            return DotRow(pr, pw, row.Length);
        }
    }

    /// <summary>Scalar twin of <see cref="DotBytes"/>: the canonical order written out (<see cref="CanonicalSum"/>).</summary>
    public static unsafe float DotBytesScalar(ReadOnlySpan<byte> row, ReadOnlySpan<float> weights)
    {
        CheckSameLength(row.Length, weights.Length);
        fixed (byte* pr = row)
        fixed (float* pw = weights)
        {
            return DotRowScalar(pr, pw, row.Length);
        }
    }

    /// <summary>
    /// Batched forward pass: destination[r] = scale * (sum_j rows[r * features + j] * weights[j]) + bias, for
    /// each of the rows.Length / features rows. With scale = 1/255 this is f(x) = w.x + b for x = p/255.
    /// Four rows share each load of w: this is <see cref="LogitsGroup"/> for a group of one. Throws <see cref="ArgumentException"/> when rows.Length is not
    /// destination.Length * features.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Logits(ReadOnlySpan<byte> rows, ReadOnlySpan<float> weights, float scale, float bias, Span<float> destination)
    {
        int features = weights.Length;
        if ((long)destination.Length * features != rows.Length)
        {
            throw new ArgumentException($"rows has {rows.Length} bytes, expected {destination.Length} rows x {features} features.", nameof(rows));
        }
        LogitsGroup(rows, weights, new ReadOnlySpan<float>(in bias), scale, destination);
    }

    /// <summary>
    /// The one summation order of every dot product here, whatever the instruction set: 16 lanes, lane i accumulating
    /// row[j] * w[j] for j = i mod 16 by fused multiply-adds over the whole 16-wide blocks; the lanes folded as
    /// s8[i] = a[i] + a[i + 8], s4[i] = s8[i] + s8[i + 4], then (s4[0] + s4[2]) + (s4[1] + s4[3]); then the last
    /// n mod 16 products added one by one (multiply, then add). AVX-512 holds the 16 lanes in one register, AVX2 in
    /// two (lanes 0-7 and 8-15), the scalar path in 16 floats: IEEE arithmetic gives the same bits in each.
    /// </summary>
    public const int CanonicalSum = 16;

    /// <summary>One row in the canonical order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe float DotRow(byte* row, float* w, int n)
    {
        if (Avx512F.IsSupported)
        {
            int j = 0;
            Vector512<float> acc = Vector512<float>.Zero;
            for (; j <= n - 16; j += 16)
            {
                acc = Avx512F.FusedMultiplyAdd(Widen16(row + j), Avx512F.LoadVector512(w + j), acc);
            }
            return Tail(row, w, j, n, Fold(acc));
        }
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            int j = 0;
            Vector256<float> lo = Vector256<float>.Zero, hi = lo;
            for (; j <= n - 16; j += 16)
            {
                lo = Fma.MultiplyAdd(Widen8(row + j), Avx.LoadVector256(w + j), lo);
                hi = Fma.MultiplyAdd(Widen8(row + j + 8), Avx.LoadVector256(w + j + 8), hi);
            }
            return Tail(row, w, j, n, Fold(lo, hi));
        }
        return DotRowScalar(row, w, n);
    }

    /// <summary>The canonical order in plain scalar code: the definition the vector paths reproduce.</summary>
    private static unsafe float DotRowScalar(byte* row, float* w, int n)
    {
        float* a = stackalloc float[16];
        for (int i = 0; i < 16; i++)
        {
            a[i] = 0f;
        }
        int j = 0;
        for (; j <= n - 16; j += 16)
        {
            for (int i = 0; i < 16; i++)
            {
                a[i] = MathF.FusedMultiplyAdd(row[j + i], w[j + i], a[i]);
            }
        }
        return Tail(row, w, j, n, Fold(a));
    }

    /// <summary>The canonical fold of 16 lanes (<see cref="CanonicalSum"/>).</summary>
    internal static unsafe float Fold(float* a)
    {
        float s0 = (a[0] + a[8]) + (a[4] + a[12]), s1 = (a[1] + a[9]) + (a[5] + a[13]);
        float s2 = (a[2] + a[10]) + (a[6] + a[14]), s3 = (a[3] + a[11]) + (a[7] + a[15]);
        return (s0 + s2) + (s1 + s3);
    }

    /// <summary>The canonical fold of 16 lanes in one AVX-512 register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Fold(Vector512<float> a) => Fold(a.GetLower(), a.GetUpper());

    /// <summary>The canonical fold of lanes 0-7 (<paramref name="lo"/>) and 8-15 (<paramref name="hi"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Fold(Vector256<float> lo, Vector256<float> hi)
    {
        Vector256<float> s8 = lo + hi;
        Vector128<float> s4 = s8.GetLower() + s8.GetUpper();
        return (s4.GetElement(0) + s4.GetElement(2)) + (s4.GetElement(1) + s4.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float Tail(byte* row, float* w, int from, int n, float sum)
    {
        for (int j = from; j < n; j++)
        {
            sum += row[j] * w[j];
        }
        return sum;
    }

    /// <summary>Scalar twin of <see cref="Logits"/>.</summary>
    public static void LogitsScalar(ReadOnlySpan<byte> rows, ReadOnlySpan<float> weights, float scale, float bias, Span<float> destination)
    {
        int features = weights.Length;
        if ((long)destination.Length * features != rows.Length)
        {
            throw new ArgumentException($"rows has {rows.Length} bytes, expected {destination.Length} rows x {features} features.", nameof(rows));
        }
        for (int r = 0; r < destination.Length; r++)
        {
            destination[r] = DotBytesScalar(rows.Slice(r * features, features), weights) * scale + bias;
        }
    }

    /// <summary>
    /// The data part of a batch's hinge subgradient, exactly, in integers:
    /// sums[j] += sum_{i in positive} rows[i * features + j] - sum_{i in negative} rows[i * features + j].
    /// Row indices may repeat. Columns are the outer loop, so each column block stays in a register while the
    /// rows stream past; 16-bit lanes are flushed to <paramref name="sums"/> every 128 rows, before they can overflow.
    /// Throws <see cref="ArgumentException"/> when sums.Length != features or a row index is out of range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void AccumulateRows(Span<int> sums, ReadOnlySpan<byte> rows, ReadOnlySpan<int> positive, ReadOnlySpan<int> negative)
    {
        int features = sums.Length;
        CheckRowIndices(rows.Length, features, positive);
        CheckRowIndices(rows.Length, features, negative);
        int j = 0;
        fixed (byte* pr = rows)
        fixed (int* ps = sums)
        {
            if (Avx512BW.IsSupported)
            {
                for (; j <= features - 32; j += 32)
                {
                    Vector512<short> acc = Vector512<short>.Zero;
                    int pending = 0;
                    foreach (int i in positive)
                    {
                        acc = Avx512BW.Add(acc, Avx512BW.ConvertToVector512Int16(Vector256.Load(pr + (long)i * features + j)));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref acc);
                            pending = 0;
                        }
                    }
                    foreach (int i in negative)
                    {
                        acc = Avx512BW.Subtract(acc, Avx512BW.ConvertToVector512Int16(Vector256.Load(pr + (long)i * features + j)));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref acc);
                            pending = 0;
                        }
                    }
                    Flush(ps + j, ref acc);
                }
            }
            if (Avx2.IsSupported)
            {
                // Two column blocks a pass: each row's index is read once for 32 columns.
                for (; j <= features - 32; j += 32)
                {
                    Vector256<short> lo = Vector256<short>.Zero, hi = lo;
                    int pending = 0;
                    foreach (int i in positive)
                    {
                        byte* row = pr + (long)i * features + j;
                        lo = Avx2.Add(lo, Avx2.ConvertToVector256Int16(row));
                        hi = Avx2.Add(hi, Avx2.ConvertToVector256Int16(row + 16));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref lo);
                            Flush(ps + j + 16, ref hi);
                            pending = 0;
                        }
                    }
                    foreach (int i in negative)
                    {
                        byte* row = pr + (long)i * features + j;
                        lo = Avx2.Subtract(lo, Avx2.ConvertToVector256Int16(row));
                        hi = Avx2.Subtract(hi, Avx2.ConvertToVector256Int16(row + 16));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref lo);
                            Flush(ps + j + 16, ref hi);
                            pending = 0;
                        }
                    }
                    Flush(ps + j, ref lo);
                    Flush(ps + j + 16, ref hi);
                }
                for (; j <= features - 16; j += 16)
                {
                    Vector256<short> acc = Vector256<short>.Zero;
                    int pending = 0;
                    foreach (int i in positive)
                    {
                        acc = Avx2.Add(acc, Avx2.ConvertToVector256Int16(pr + (long)i * features + j));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref acc);
                            pending = 0;
                        }
                    }
                    foreach (int i in negative)
                    {
                        acc = Avx2.Subtract(acc, Avx2.ConvertToVector256Int16(pr + (long)i * features + j));
                        if (++pending == FlushEvery)
                        {
                            Flush(ps + j, ref acc);
                            pending = 0;
                        }
                    }
                    Flush(ps + j, ref acc);
                }
            }
            for (; j < features; j++)
            {
                int sum = 0;
                foreach (int i in positive)
                {
                    sum += pr[(long)i * features + j];
                }
                foreach (int i in negative)
                {
                    sum -= pr[(long)i * features + j];
                }
                ps[j] += sum;
            }
        }
    }

    /// <summary>Scalar twin of <see cref="AccumulateRows"/>.</summary>
    public static void AccumulateRowsScalar(Span<int> sums, ReadOnlySpan<byte> rows, ReadOnlySpan<int> positive, ReadOnlySpan<int> negative)
    {
        int features = sums.Length;
        CheckRowIndices(rows.Length, features, positive);
        CheckRowIndices(rows.Length, features, negative);
        foreach (int i in positive)
        {
            for (int j = 0; j < features; j++)
            {
                sums[j] += rows[i * features + j];
            }
        }
        foreach (int i in negative)
        {
            for (int j = 0; j < features; j++)
            {
                sums[j] -= rows[i * features + j];
            }
        }
    }

    /// <summary>128 rows of 255 fit in a signed 16-bit lane (32,640 &lt; 32,767).</summary>
    private const int FlushEvery = 128;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Flush(int* sums, ref Vector512<short> acc)
    {
        Avx512F.Store(sums, Avx512F.Add(Avx512F.LoadVector512(sums), Avx512BW.ConvertToVector512Int32(acc.GetLower())));
        Avx512F.Store(sums + 16, Avx512F.Add(Avx512F.LoadVector512(sums + 16), Avx512BW.ConvertToVector512Int32(acc.GetUpper())));
        acc = Vector512<short>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Flush(int* sums, ref Vector256<short> acc)
    {
        Avx.Store(sums, Avx2.Add(Avx.LoadVector256(sums), Avx2.ConvertToVector256Int32(acc.GetLower())));
        Avx.Store(sums + 8, Avx2.Add(Avx.LoadVector256(sums + 8), Avx2.ConvertToVector256Int32(acc.GetUpper())));
        acc = Vector256<short>.Zero;
    }

    private static void CheckRowIndices(int rowBytes, int features, ReadOnlySpan<int> indices)
    {
        if (features == 0 ? rowBytes != 0 : rowBytes % features != 0)
        {
            throw new ArgumentException($"rows has {rowBytes} bytes, not a whole number of {features}-feature rows.");
        }
        int count = features == 0 ? 0 : rowBytes / features;
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)count && features != 0)
            {
                throw new ArgumentException($"row index {i} is outside the {count} rows.");
            }
        }
    }

    /// <summary>
    /// The fused SGD step for a linear hinge model: weights[j] = weights[j] + dataStep * sums[j] - signStep * sign(weights[j]),
    /// with sign(0) = 0 and every term using the weight before the step. dataStep = lr * scale / 255 applies
    /// the batch's -sum y_i x_i; signStep = lr * scale * active * eps applies the robust L1 penalty (0 for regular training).
    /// Throws <see cref="ArgumentException"/> when the lengths differ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void SgdStep(Span<float> weights, ReadOnlySpan<int> sums, float dataStep, float signStep)
    {
        CheckSameLength(sums.Length, weights.Length);
        int n = weights.Length;
        int i = 0;
        fixed (float* pw = weights)
        fixed (int* ps = sums)
        {
            if (Avx2.IsSupported && Fma.IsSupported)
            {
                Vector256<float> data = Vector256.Create(dataStep);
                Vector256<float> sign = Vector256.Create(signStep);
                Vector256<float> zero = Vector256<float>.Zero;
                for (; i <= n - 8; i += 8)
                {
                    Vector256<float> w = Avx.LoadVector256(pw + i);
                    Vector256<float> s = Avx.ConvertToVector256Single(Avx.LoadVector256(ps + i));
                    // sign(w) * signStep as a select: +signStep where w > 0, -signStep where w < 0, 0 at 0.
                    Vector256<float> penalty = (Avx.CompareGreaterThan(w, zero) & sign) - (Avx.CompareLessThan(w, zero) & sign);
                    Avx.Store(pw + i, Fma.MultiplyAdd(data, s, w) - penalty);
                }
            }
            for (; i < n; i++)
            {
                pw[i] = StepOne(pw[i], ps[i], dataStep, signStep);
            }
        }
    }

    /// <summary>Scalar twin of <see cref="SgdStep"/>.</summary>
    public static void SgdStepScalar(Span<float> weights, ReadOnlySpan<int> sums, float dataStep, float signStep)
    {
        CheckSameLength(sums.Length, weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = StepOne(weights[i], sums[i], dataStep, signStep);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float StepOne(float w, int sum, float dataStep, float signStep)
    {
        float penalty = w > 0f ? signStep : w < 0f ? -signStep : 0f;
        return MathF.FusedMultiplyAdd(dataStep, sum, w) - penalty;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Widen16(byte* p) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(p)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Widen8(byte* p) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p));

    private static void CheckSameLength(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"Span lengths differ: {a} and {b}.");
        }
    }
}
