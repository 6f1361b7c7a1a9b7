using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Numerics;

/// <summary>
/// Hand-written SIMD kernels over byte pixel rows, the hot loops of training. Each has a plain scalar twin
/// (<c>...Scalar</c>) that defines its result; tests compare the two for every length 0..256 and large ones.
/// The summation order of a kernel is fixed for a given machine, so results are bit-identical run to run.
/// </summary>
public static class PixelKernels
{
    /// <summary>
    /// Returns sum_j row[j] * weights[j], the dot product of a byte row (pixel values 0..255) with float weights.
    /// Returns 0 for empty inputs. Throws <see cref="ArgumentException"/> when the lengths differ.
    /// </summary>
    public static unsafe float DotBytes(ReadOnlySpan<byte> row, ReadOnlySpan<float> weights)
    {
        CheckSameLength(row.Length, weights.Length);
        int n = row.Length;
        int i = 0;
        float sum = 0f;
        fixed (byte* pr = row)
        fixed (float* pw = weights)
        {
            if (Avx512F.IsSupported && n >= 16)
            {
                Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
                for (; i <= n - 32; i += 32)
                {
                    acc0 = Avx512F.FusedMultiplyAdd(Widen16(pr + i), Avx512F.LoadVector512(pw + i), acc0);
                    acc1 = Avx512F.FusedMultiplyAdd(Widen16(pr + i + 16), Avx512F.LoadVector512(pw + i + 16), acc1);
                }
                for (; i <= n - 16; i += 16)
                {
                    acc0 = Avx512F.FusedMultiplyAdd(Widen16(pr + i), Avx512F.LoadVector512(pw + i), acc0);
                }
                sum = Vector512.Sum(acc0 + acc1);
            }
            else if (Avx2.IsSupported && Fma.IsSupported && n >= 8)
            {
                Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
                for (; i <= n - 16; i += 16)
                {
                    acc0 = Fma.MultiplyAdd(Widen8(pr + i), Avx.LoadVector256(pw + i), acc0);
                    acc1 = Fma.MultiplyAdd(Widen8(pr + i + 8), Avx.LoadVector256(pw + i + 8), acc1);
                }
                for (; i <= n - 8; i += 8)
                {
                    acc0 = Fma.MultiplyAdd(Widen8(pr + i), Avx.LoadVector256(pw + i), acc0);
                }
                sum = Vector256.Sum(acc0 + acc1);
            }
            for (; i < n; i++)
            {
                sum += pr[i] * pw[i];
            }
        }
        return sum;
    }

    /// <summary>Scalar twin of <see cref="DotBytes"/>.</summary>
    public static float DotBytesScalar(ReadOnlySpan<byte> row, ReadOnlySpan<float> weights)
    {
        CheckSameLength(row.Length, weights.Length);
        float sum = 0f;
        for (int i = 0; i < row.Length; i++)
        {
            sum += row[i] * weights[i];
        }
        return sum;
    }

    /// <summary>
    /// Batched forward pass: destination[r] = scale * (sum_j rows[r * features + j] * weights[j]) + bias, for
    /// each of the rows.Length / features rows. With scale = 1/255 this is f(x) = w.x + b for x = p/255.
    /// Throws <see cref="ArgumentException"/> when rows.Length is not rows * features for rows = destination.Length.
    /// </summary>
    public static void Logits(ReadOnlySpan<byte> rows, ReadOnlySpan<float> weights, float scale, float bias, Span<float> destination)
    {
        int features = weights.Length;
        if ((long)destination.Length * features != rows.Length)
        {
            throw new ArgumentException($"rows has {rows.Length} bytes, expected {destination.Length} rows x {features} features.", nameof(rows));
        }
        for (int r = 0; r < destination.Length; r++)
        {
            destination[r] = DotBytes(rows.Slice(r * features, features), weights) * scale + bias;
        }
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
    /// sums[j] += row[j] when <paramref name="negate"/> is false, sums[j] -= row[j] when it is true: the exact
    /// integer sum of y_i p_i over a batch's active samples, the data part of the hinge subgradient.
    /// Throws <see cref="ArgumentException"/> when the lengths differ.
    /// </summary>
    public static unsafe void AccumulateSigned(Span<int> sums, ReadOnlySpan<byte> row, bool negate)
    {
        CheckSameLength(row.Length, sums.Length);
        int n = row.Length;
        int i = 0;
        fixed (byte* pr = row)
        fixed (int* ps = sums)
        {
            if (Avx512F.IsSupported)
            {
                for (; i <= n - 16; i += 16)
                {
                    Vector512<int> v = Avx512F.ConvertToVector512Int32(Vector128.Load(pr + i));
                    Vector512<int> s = Avx512F.LoadVector512(ps + i);
                    Avx512F.Store(ps + i, negate ? s - v : s + v);
                }
            }
            else if (Avx2.IsSupported)
            {
                for (; i <= n - 8; i += 8)
                {
                    Vector256<int> v = Avx2.ConvertToVector256Int32(pr + i);
                    Vector256<int> s = Avx.LoadVector256(ps + i);
                    Avx.Store(ps + i, negate ? s - v : s + v);
                }
            }
            for (; i < n; i++)
            {
                ps[i] += negate ? -pr[i] : pr[i];
            }
        }
    }

    /// <summary>Scalar twin of <see cref="AccumulateSigned"/>.</summary>
    public static void AccumulateSignedScalar(Span<int> sums, ReadOnlySpan<byte> row, bool negate)
    {
        CheckSameLength(row.Length, sums.Length);
        for (int i = 0; i < row.Length; i++)
        {
            sums[i] += negate ? -row[i] : row[i];
        }
    }

    /// <summary>
    /// The fused SGD step for a linear hinge model: weights[j] = weights[j] + dataStep * sums[j] - signStep * sign(weights[j]),
    /// with sign(0) = 0 and every term using the weight before the step. dataStep = lr * scale / 255 applies
    /// the batch's -sum y_i x_i; signStep = lr * scale * active * eps applies the robust L1 penalty (0 for regular training).
    /// Throws <see cref="ArgumentException"/> when the lengths differ.
    /// </summary>
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
