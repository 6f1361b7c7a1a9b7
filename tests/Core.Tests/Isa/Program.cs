namespace RobustGrid.Core.Tests.Isa;

/// <summary>The test assembly's entry point: does nothing under the test host; runs <see cref="IsaProbe"/> when asked.</summary>
internal static class Program
{
    public static int Main(string[] args) => args switch
    {
        [IsaProbe.Command] => IsaProbe.Run(Console.Out),
        [IsaProbe.DigestCommand] => RunDigest.Print(Console.Out),
        _ => 0,
    };
}
