using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Numerics;

/// <summary>
/// Sums over float vectors in the one order of <see cref="PixelKernels.CanonicalSum"/> (16 lanes, fixed fold, tail in
/// sequence), so a norm has the same bits with AVX-512, AVX2 or no SIMD: the results of a run (its robust shift
/// eps ||w||_dual, its weight norms) must not depend on the machine. <c>TensorPrimitives</c>' sums choose their order
/// by instruction set, which is why these exist. Each has a scalar twin that defines it.
/// </summary>
public static class FloatSums
{
    /// <summary>sum_i |x[i]|, the L1 norm; 0 for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe float SumOfMagnitudes(ReadOnlySpan<float> x)
    {
        int n = x.Length, j = 0;
        fixed (float* p = x)
        {
            if (Avx512F.IsSupported)
            {
                Vector512<float> acc = Vector512<float>.Zero;
                for (; j <= n - 16; j += 16)
                {
                    acc += Vector512.Abs(Avx512F.LoadVector512(p + j));
                }
                return MagnitudeTail(p, j, n, PixelKernels.Fold(acc));
            }
            if (Avx2.IsSupported)
            {
                Vector256<float> lo = Vector256<float>.Zero, hi = lo;
                for (; j <= n - 16; j += 16)
                {
                    lo += Vector256.Abs(Avx.LoadVector256(p + j));
                    hi += Vector256.Abs(Avx.LoadVector256(p + j + 8));
                }
                return MagnitudeTail(p, j, n, PixelKernels.Fold(lo, hi));
            }
            return SumOfMagnitudesScalar(x);
        }
    }

    /// <summary>Scalar twin of <see cref="SumOfMagnitudes"/>.</summary>
    public static unsafe float SumOfMagnitudesScalar(ReadOnlySpan<float> x)
    {
        int n = x.Length, j = 0;
        float* a = stackalloc float[16];
        new Span<float>(a, 16).Clear();
        fixed (float* p = x)
        {
            for (; j <= n - 16; j += 16)
            {
                for (int i = 0; i < 16; i++)
                {
                    a[i] += MathF.Abs(p[j + i]);
                }
            }
            return MagnitudeTail(p, j, n, PixelKernels.Fold(a));
        }
    }

    /// <summary>sum_i x[i]^2, each square fused into its lane's sum; 0 for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe float SumOfSquares(ReadOnlySpan<float> x)
    {
        int n = x.Length, j = 0;
        fixed (float* p = x)
        {
            if (Avx512F.IsSupported)
            {
                Vector512<float> acc = Vector512<float>.Zero;
                for (; j <= n - 16; j += 16)
                {
                    Vector512<float> v = Avx512F.LoadVector512(p + j);
                    acc = Avx512F.FusedMultiplyAdd(v, v, acc);
                }
                return SquareTail(p, j, n, PixelKernels.Fold(acc));
            }
            if (Avx2.IsSupported && Fma.IsSupported)
            {
                Vector256<float> lo = Vector256<float>.Zero, hi = lo;
                for (; j <= n - 16; j += 16)
                {
                    Vector256<float> v = Avx.LoadVector256(p + j), u = Avx.LoadVector256(p + j + 8);
                    lo = Fma.MultiplyAdd(v, v, lo);
                    hi = Fma.MultiplyAdd(u, u, hi);
                }
                return SquareTail(p, j, n, PixelKernels.Fold(lo, hi));
            }
            return SumOfSquaresScalar(x);
        }
    }

    /// <summary>Scalar twin of <see cref="SumOfSquares"/>.</summary>
    public static unsafe float SumOfSquaresScalar(ReadOnlySpan<float> x)
    {
        int n = x.Length, j = 0;
        float* a = stackalloc float[16];
        new Span<float>(a, 16).Clear();
        fixed (float* p = x)
        {
            for (; j <= n - 16; j += 16)
            {
                for (int i = 0; i < 16; i++)
                {
                    a[i] = MathF.FusedMultiplyAdd(p[j + i], p[j + i], a[i]);
                }
            }
            return SquareTail(p, j, n, PixelKernels.Fold(a));
        }
    }

    /// <summary>The L2 norm sqrt(<see cref="SumOfSquares"/>): correctly rounded square root of a canonical sum.</summary>
    public static float Norm(ReadOnlySpan<float> x) => MathF.Sqrt(SumOfSquares(x));

    private static unsafe float MagnitudeTail(float* p, int from, int n, float sum)
    {
        for (int j = from; j < n; j++)
        {
            sum += MathF.Abs(p[j]);
        }
        return sum;
    }

    private static unsafe float SquareTail(float* p, int from, int n, float sum)
    {
        for (int j = from; j < n; j++)
        {
            sum += p[j] * p[j];
        }
        return sum;
    }
}
