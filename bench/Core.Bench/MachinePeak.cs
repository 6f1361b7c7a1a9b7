using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Bench;

/// <summary>
/// This core's single-precision FMA peak, computed from its ISA, its FMA issue rate and its clock, all read off the
/// machine: the vector width the kernels use (AVX-512: 16 lanes, AVX2: 8), the clock from a chain of dependent
/// integer adds (one cycle each on every x86 core), and the FMA instructions issued per cycle from a loop of
/// independent FMAs at that width. Peak = lanes x 2 flops x FMAs per cycle x clock. A virtual machine shows no
/// model-specific registers, so the clock is measured rather than read; it is the clock under a one-core load.
/// </summary>
internal sealed record MachinePeak(string Isa, int Lanes, double FmasPerCycle, double ClockGHz)
{
    public double GFlops => Lanes * 2 * FmasPerCycle * ClockGHz;

    public override string ToString() =>
        $"{Isa}: {Lanes} lanes x 2 flops x {FmasPerCycle:0.00} FMA/cycle x {ClockGHz:0.00} GHz = {GFlops:0.0} GFLOP/s peak per core";

    public static MachinePeak Measure()
    {
        double clock = Best(() => AddChain(200_000_000), 200_000_000 * 2.0) / 1e9; // two dependent adds per step
        if (Avx512F.IsSupported)
        {
            double fmas = Best(() => Fma512(20_000_000), 20_000_000 * 12.0);
            return new MachinePeak("AVX-512", 16, fmas / (clock * 1e9), clock);
        }
        if (Fma.IsSupported)
        {
            double fmas = Best(() => Fma256(20_000_000), 20_000_000 * 12.0);
            return new MachinePeak("AVX2+FMA", 8, fmas / (clock * 1e9), clock);
        }
        return new MachinePeak("scalar", 1, 1, clock);
    }

    /// <summary>Operations per second of the fastest of five timings of <paramref name="run"/>.</summary>
    private static double Best(Func<long> run, double operations)
    {
        run();
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return operations / best;
    }

    /// <summary>x = (x + a) ^ b, n times: a chain of 2n one-cycle operations that the JIT cannot fold.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long AddChain(long n)
    {
        long x = n, a = Environment.ProcessorCount | 1, b = Environment.TickCount64 | 3;
        for (long i = 0; i < n; i++)
        {
            x = (x + a) ^ b;
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Fma512(long n)
    {
        Vector512<float> m = Vector512.Create(0.999999f), c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c;
        Vector512<float> a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (long i = 0; i < n; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c); a2 = Avx512F.FusedMultiplyAdd(a2, m, c);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, c); a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c); a8 = Avx512F.FusedMultiplyAdd(a8, m, c);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, c); a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }
        Vector512<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return (long)Vector512.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Fma256(long n)
    {
        Vector256<float> m = Vector256.Create(0.999999f), c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c;
        Vector256<float> a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (long i = 0; i < n; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c); a2 = Fma.MultiplyAdd(a2, m, c);
            a3 = Fma.MultiplyAdd(a3, m, c); a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c); a8 = Fma.MultiplyAdd(a8, m, c);
            a9 = Fma.MultiplyAdd(a9, m, c); a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        Vector256<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return (long)Vector256.Sum(sum);
    }
}
