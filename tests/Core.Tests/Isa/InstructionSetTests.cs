using System.Diagnostics;
using System.Runtime.Intrinsics.X86;

namespace RobustGrid.Core.Tests.Isa;

/// <summary>
/// The kernels' AVX2 and scalar paths and fused training's bit-identity on them, checked in child processes with
/// AVX-512 or every SIMD instruction set switched off (.NET 10 reads DOTNET_EnableAVX512, not the older
/// DOTNET_EnableAVX512F); and whole runs' bits (a digest of every number of real runs) equal to the pinned
/// <see cref="RunDigest.Golden"/> here and in children with AVX-512, AVX2 or every SIMD instruction set switched off.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InstructionSetTests
{
    [Theory]
    [InlineData("DOTNET_EnableAVX512", false, true)]
    [InlineData("DOTNET_EnableHWIntrinsic", false, false)]
    public async Task Kernels_and_fused_groups_hold_without_an_instruction_set(string switchedOff, bool avx512, bool avx2)
    {
        string output = await ProbeAsync(IsaProbe.Command, switchedOff);
        Assert.Contains($"avx512f={avx512 && Avx512F.IsSupported} avx2={avx2 && Avx2.IsSupported}", output);
        Assert.EndsWith("ok", output.TrimEnd());
    }

    [Fact]
    public void Runs_give_the_pinned_bits_on_this_machines_instruction_sets() => Assert.Equal(RunDigest.Golden, RunDigest.Of());

    [Theory]
    [InlineData("DOTNET_EnableAVX512")]
    [InlineData("DOTNET_EnableAVX2")]
    [InlineData("DOTNET_EnableHWIntrinsic")]
    public async Task Runs_give_the_pinned_bits_without_an_instruction_set(string switchedOff) =>
        Assert.Equal(RunDigest.Golden, (await ProbeAsync(IsaProbe.DigestCommand, switchedOff)).Trim());

    /// <summary>Runs this test assembly's <paramref name="command"/> in a child process with <paramref name="switchedOff"/>=0; its output.</summary>
    private static async Task<string> ProbeAsync(string command, string switchedOff)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(IsaProbe).Assembly.Location);
        start.ArgumentList.Add(command);
        start.Environment[switchedOff] = "0";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("The probe did not start.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} with {switchedOff}=0 exited {process.ExitCode}: {output} {await error}");
        return output;
    }
}
