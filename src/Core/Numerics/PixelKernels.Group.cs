using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Numerics;

public static partial class PixelKernels
{
    /// <summary>
    /// The forward pass of a group of k models over one batch, a small matrix product:
    /// destination[q * m + r] = scale * (sum_j rows[r * features + j] * weights[q * features + j]) + biases[q],
    /// for the k = biases.Length models q (weights holds their rows back to back) and the m = destination.Length / k
    /// rows r. Each block of pixels is loaded and widened once for up to four models (AVX-512: 4 rows x 4 models
    /// per block; AVX2: 2 rows x 3 models, each entry's 16 lanes in two registers).
    /// Every entry is accumulated exactly as <see cref="Logits"/> accumulates it for model q alone (the same lanes,
    /// the same order, the same reduction), so it has the same bits whatever the other models of the group are,
    /// whatever q's position among them, and whatever k. With k = 0 every span must be empty.
    /// Throws <see cref="ArgumentException"/> when the lengths do not fit together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void LogitsGroup(ReadOnlySpan<byte> rows, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, float scale, Span<float> destination)
    {
        (int k, int features, int m) = CheckGroupShape(rows.Length, weights.Length, biases.Length, destination.Length);
        if (k == 0 || m == 0)
        {
            return;
        }
        int r = 0;
        fixed (byte* pr = rows)
        fixed (float* pw = weights)
        fixed (float* pb = biases)
        fixed (float* pd = destination)
        {
            byte* end = pr + rows.Length;
            if (Avx512F.IsSupported)
            {
                for (; r <= m - 4; r += 4)
                {
                    byte* p0 = pr + (long)r * features;
                    PrefetchNextBlock(p0, features, end);
                    int q = 0;
                    for (; q <= k - 4; q += 4)
                    {
                        Rows4Models4(p0, pw + (long)q * features, features, scale, pb + q, pd + (long)q * m + r, m);
                    }
                    for (; q < k; q++)
                    {
                        Rows4Model1Avx512(p0, pw + (long)q * features, features, scale, pb[q], pd + (long)q * m + r);
                    }
                }
            }
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                for (; r <= m - 4; r += 4)
                {
                    byte* p0 = pr + (long)r * features;
                    PrefetchNextBlock(p0, features, end);
                    int q = 0;
                    for (; q <= k - 3; q += 3)
                    {
                        float* w = pw + (long)q * features;
                        float* d = pd + (long)q * m + r;
                        Rows2Models3Avx2(p0, w, features, scale, pb + q, d, m);
                        Rows2Models3Avx2(p0 + 2L * features, w, features, scale, pb + q, d + 2, m);
                    }
                    for (; q <= k - 2; q += 2)
                    {
                        float* w = pw + (long)q * features;
                        float* d = pd + (long)q * m + r;
                        Rows2Models2Avx2(p0, w, features, scale, pb + q, d, m);
                        Rows2Models2Avx2(p0 + 2L * features, w, features, scale, pb + q, d + 2, m);
                    }
                    if (q < k)
                    {
                        Rows4Model1Avx2(p0, pw + (long)q * features, features, scale, pb[q], pd + (long)q * m + r);
                    }
                }
            }
            for (; r < m; r++)
            {
                for (int q = 0; q < k; q++)
                {
                    pd[(long)q * m + r] = DotRow(pr + (long)r * features, pw + (long)q * features, features) * scale + pb[q];
                }
            }
        }
    }

    /// <summary>
    /// Asks for the next block of four rows (the one after <paramref name="block"/>, within the rows) to be brought
    /// into the cache while this block is computed: a block is read once from memory and then for every model of the
    /// group, and without the hint the first model's pass waits for each of its lines (a group of 16 on a batch that
    /// streams from memory ran at 60% of the speed it has on a batch in cache). A hint only: no result depends on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchNextBlock(byte* block, int features, byte* end)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        byte* next = block + 4L * features;
        byte* stop = Math.Min((ulong)(next + 4L * features), (ulong)end) is var s ? (byte*)s : end;
        for (byte* line = next; line < stop; line += 64)
        {
            Sse.Prefetch1(line);
        }
    }

    /// <summary>Scalar twin of <see cref="LogitsGroup"/>: <see cref="LogitsScalar"/> once per model.</summary>
    public static void LogitsGroupScalar(ReadOnlySpan<byte> rows, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, float scale, Span<float> destination)
    {
        (int k, int features, int m) = CheckGroupShape(rows.Length, weights.Length, biases.Length, destination.Length);
        for (int q = 0; q < k; q++)
        {
            LogitsScalar(rows, weights.Slice(q * features, features), scale, biases[q], destination.Slice(q * m, m));
        }
    }

    private static (int Models, int Features, int Rows) CheckGroupShape(int rowBytes, int weightCount, int models, int destinationLength)
    {
        if (models == 0)
        {
            if (rowBytes != 0 || weightCount != 0 || destinationLength != 0)
            {
                throw new ArgumentException("A group of no models takes empty rows, weights and destination.");
            }
            return (0, 0, 0);
        }
        if (weightCount % models != 0 || destinationLength % models != 0)
        {
            throw new ArgumentException($"{weightCount} weights and {destinationLength} logits do not divide into {models} models.");
        }
        int features = weightCount / models;
        int m = destinationLength / models;
        if ((long)m * features != rowBytes)
        {
            throw new ArgumentException($"rows has {rowBytes} bytes, expected {m} rows x {features} features.");
        }
        return (models, features, m);
    }

    /// <summary>Four rows against four models: 16 accumulators, each row widened once per block for all four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Rows4Models4(byte* p0, float* w0, int features, float scale, float* biases, float* d, int m)
    {
        byte* p1 = p0 + features, p2 = p1 + features, p3 = p2 + features;
        float* w1 = w0 + features, w2 = w1 + features, w3 = w2 + features;
        Vector512<float> a00 = Vector512<float>.Zero, a10 = a00, a20 = a00, a30 = a00;
        Vector512<float> a01 = a00, a11 = a00, a21 = a00, a31 = a00;
        Vector512<float> a02 = a00, a12 = a00, a22 = a00, a32 = a00;
        Vector512<float> a03 = a00, a13 = a00, a23 = a00, a33 = a00;
        int j = 0;
        for (; j <= features - 16; j += 16)
        {
            Vector512<float> x0 = Widen16(p0 + j), x1 = Widen16(p1 + j), x2 = Widen16(p2 + j), x3 = Widen16(p3 + j);
            Vector512<float> w = Avx512F.LoadVector512(w0 + j);
            a00 = Avx512F.FusedMultiplyAdd(x0, w, a00);
            a10 = Avx512F.FusedMultiplyAdd(x1, w, a10);
            a20 = Avx512F.FusedMultiplyAdd(x2, w, a20);
            a30 = Avx512F.FusedMultiplyAdd(x3, w, a30);
            w = Avx512F.LoadVector512(w1 + j);
            a01 = Avx512F.FusedMultiplyAdd(x0, w, a01);
            a11 = Avx512F.FusedMultiplyAdd(x1, w, a11);
            a21 = Avx512F.FusedMultiplyAdd(x2, w, a21);
            a31 = Avx512F.FusedMultiplyAdd(x3, w, a31);
            w = Avx512F.LoadVector512(w2 + j);
            a02 = Avx512F.FusedMultiplyAdd(x0, w, a02);
            a12 = Avx512F.FusedMultiplyAdd(x1, w, a12);
            a22 = Avx512F.FusedMultiplyAdd(x2, w, a22);
            a32 = Avx512F.FusedMultiplyAdd(x3, w, a32);
            w = Avx512F.LoadVector512(w3 + j);
            a03 = Avx512F.FusedMultiplyAdd(x0, w, a03);
            a13 = Avx512F.FusedMultiplyAdd(x1, w, a13);
            a23 = Avx512F.FusedMultiplyAdd(x2, w, a23);
            a33 = Avx512F.FusedMultiplyAdd(x3, w, a33);
        }
        Finish4(p0, w0, j, features, scale, biases[0], d, a00, a10, a20, a30);
        Finish4(p0, w1, j, features, scale, biases[1], d + m, a01, a11, a21, a31);
        Finish4(p0, w2, j, features, scale, biases[2], d + 2L * m, a02, a12, a22, a32);
        Finish4(p0, w3, j, features, scale, biases[3], d + 3L * m, a03, a13, a23, a33);
    }

    /// <summary>Four rows against one model: the block of <see cref="Logits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Rows4Model1Avx512(byte* p0, float* pw, int features, float scale, float bias, float* d)
    {
        byte* p1 = p0 + features, p2 = p1 + features, p3 = p2 + features;
        Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j <= features - 16; j += 16)
        {
            Vector512<float> w = Avx512F.LoadVector512(pw + j);
            a0 = Avx512F.FusedMultiplyAdd(Widen16(p0 + j), w, a0);
            a1 = Avx512F.FusedMultiplyAdd(Widen16(p1 + j), w, a1);
            a2 = Avx512F.FusedMultiplyAdd(Widen16(p2 + j), w, a2);
            a3 = Avx512F.FusedMultiplyAdd(Widen16(p3 + j), w, a3);
        }
        Finish4(p0, pw, j, features, scale, bias, d, a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Finish4(byte* p0, float* w, int j, int features, float scale, float bias, float* d,
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        d[0] = Tail(p0, w, j, features, Fold(a0)) * scale + bias;
        d[1] = Tail(p0 + features, w, j, features, Fold(a1)) * scale + bias;
        d[2] = Tail(p0 + 2L * features, w, j, features, Fold(a2)) * scale + bias;
        d[3] = Tail(p0 + 3L * features, w, j, features, Fold(a3)) * scale + bias;
    }

    /// <summary>
    /// Two rows against two models with 256-bit vectors: 8 accumulators (each entry's lanes 0-7 and 8-15), each half
    /// block of a row widened once for both models.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Rows2Models2Avx2(byte* p0, float* w0, int features, float scale, float* biases, float* d, int m)
    {
        byte* p1 = p0 + features;
        float* w1 = w0 + features;
        Vector256<float> l00 = Vector256<float>.Zero, h00 = l00, l10 = l00, h10 = l00, l01 = l00, h01 = l00, l11 = l00, h11 = l00;
        int j = 0;
        for (; j <= features - 16; j += 16)
        {
            Vector256<float> x0 = Widen8(p0 + j), x1 = Widen8(p1 + j);
            Vector256<float> w = Avx.LoadVector256(w0 + j);
            l00 = Fma.MultiplyAdd(x0, w, l00);
            l10 = Fma.MultiplyAdd(x1, w, l10);
            w = Avx.LoadVector256(w1 + j);
            l01 = Fma.MultiplyAdd(x0, w, l01);
            l11 = Fma.MultiplyAdd(x1, w, l11);
            x0 = Widen8(p0 + j + 8);
            x1 = Widen8(p1 + j + 8);
            w = Avx.LoadVector256(w0 + j + 8);
            h00 = Fma.MultiplyAdd(x0, w, h00);
            h10 = Fma.MultiplyAdd(x1, w, h10);
            w = Avx.LoadVector256(w1 + j + 8);
            h01 = Fma.MultiplyAdd(x0, w, h01);
            h11 = Fma.MultiplyAdd(x1, w, h11);
        }
        d[0] = Tail(p0, w0, j, features, Fold(l00, h00)) * scale + biases[0];
        d[1] = Tail(p1, w0, j, features, Fold(l10, h10)) * scale + biases[0];
        d[m] = Tail(p0, w1, j, features, Fold(l01, h01)) * scale + biases[1];
        d[m + 1] = Tail(p1, w1, j, features, Fold(l11, h11)) * scale + biases[1];
    }

    /// <summary>
    /// Two rows against three models with 256-bit vectors: 12 accumulators (each entry's lanes 0-7 and 8-15), each
    /// half block of a row widened once for all three.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Rows2Models3Avx2(byte* p0, float* w0, int features, float scale, float* biases, float* d, int m)
    {
        byte* p1 = p0 + features;
        float* w1 = w0 + features, w2 = w1 + features;
        Vector256<float> l00 = Vector256<float>.Zero, h00 = l00, l10 = l00, h10 = l00, l01 = l00, h01 = l00, l11 = l00, h11 = l00;
        Vector256<float> l02 = l00, h02 = l00, l12 = l00, h12 = l00;
        int j = 0;
        for (; j <= features - 16; j += 16)
        {
            Vector256<float> x0 = Widen8(p0 + j), x1 = Widen8(p1 + j);
            Vector256<float> w = Avx.LoadVector256(w0 + j);
            l00 = Fma.MultiplyAdd(x0, w, l00);
            l10 = Fma.MultiplyAdd(x1, w, l10);
            w = Avx.LoadVector256(w1 + j);
            l01 = Fma.MultiplyAdd(x0, w, l01);
            l11 = Fma.MultiplyAdd(x1, w, l11);
            w = Avx.LoadVector256(w2 + j);
            l02 = Fma.MultiplyAdd(x0, w, l02);
            l12 = Fma.MultiplyAdd(x1, w, l12);
            x0 = Widen8(p0 + j + 8);
            x1 = Widen8(p1 + j + 8);
            w = Avx.LoadVector256(w0 + j + 8);
            h00 = Fma.MultiplyAdd(x0, w, h00);
            h10 = Fma.MultiplyAdd(x1, w, h10);
            w = Avx.LoadVector256(w1 + j + 8);
            h01 = Fma.MultiplyAdd(x0, w, h01);
            h11 = Fma.MultiplyAdd(x1, w, h11);
            w = Avx.LoadVector256(w2 + j + 8);
            h02 = Fma.MultiplyAdd(x0, w, h02);
            h12 = Fma.MultiplyAdd(x1, w, h12);
        }
        d[0] = Tail(p0, w0, j, features, Fold(l00, h00)) * scale + biases[0];
        d[1] = Tail(p1, w0, j, features, Fold(l10, h10)) * scale + biases[0];
        d[m] = Tail(p0, w1, j, features, Fold(l01, h01)) * scale + biases[1];
        d[m + 1] = Tail(p1, w1, j, features, Fold(l11, h11)) * scale + biases[1];
        d[2 * m] = Tail(p0, w2, j, features, Fold(l02, h02)) * scale + biases[2];
        d[2 * m + 1] = Tail(p1, w2, j, features, Fold(l12, h12)) * scale + biases[2];
    }

    /// <summary>Four rows against one model with 256-bit vectors: each row's 16 lanes in two registers (lanes 0-7, 8-15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Rows4Model1Avx2(byte* p0, float* pw, int features, float scale, float bias, float* d)
    {
        byte* p1 = p0 + features, p2 = p1 + features, p3 = p2 + features;
        Vector256<float> l0 = Vector256<float>.Zero, l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        int j = 0;
        for (; j <= features - 16; j += 16)
        {
            Vector256<float> w = Avx.LoadVector256(pw + j);
            l0 = Fma.MultiplyAdd(Widen8(p0 + j), w, l0);
            l1 = Fma.MultiplyAdd(Widen8(p1 + j), w, l1);
            l2 = Fma.MultiplyAdd(Widen8(p2 + j), w, l2);
            l3 = Fma.MultiplyAdd(Widen8(p3 + j), w, l3);
            w = Avx.LoadVector256(pw + j + 8);
            h0 = Fma.MultiplyAdd(Widen8(p0 + j + 8), w, h0);
            h1 = Fma.MultiplyAdd(Widen8(p1 + j + 8), w, h1);
            h2 = Fma.MultiplyAdd(Widen8(p2 + j + 8), w, h2);
            h3 = Fma.MultiplyAdd(Widen8(p3 + j + 8), w, h3);
        }
        d[0] = Tail(p0, pw, j, features, Fold(l0, h0)) * scale + bias;
        d[1] = Tail(p1, pw, j, features, Fold(l1, h1)) * scale + bias;
        d[2] = Tail(p2, pw, j, features, Fold(l2, h2)) * scale + bias;
        d[3] = Tail(p3, pw, j, features, Fold(l3, h3)) * scale + bias;
    }
}
