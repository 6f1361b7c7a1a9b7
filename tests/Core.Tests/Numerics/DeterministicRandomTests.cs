using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Numerics;

[Trait("Category", "Unit")]
public sealed class DeterministicRandomTests
{
    [Fact]
    public void Same_seed_and_stream_give_the_same_sequence()
    {
        var a = new DeterministicRandom(42, 3);
        var b = new DeterministicRandom(42, 3);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Seeds_and_streams_give_different_sequences()
    {
        Assert.NotEqual(new DeterministicRandom(1, 0).NextUInt64(), new DeterministicRandom(2, 0).NextUInt64());
        Assert.NotEqual(new DeterministicRandom(1, 0).NextUInt64(), new DeterministicRandom(1, 1).NextUInt64());
    }

    [Fact]
    public void Sequence_is_pinned_so_results_stay_portable()
    {
        // xoshiro256** seeded by SplitMix64 from seed 1 (stream 0): these values are the definition of
        // every run's initialisation; a change here changes every published run key's result.
        var random = new DeterministicRandom(1);
        ulong[] first = [random.NextUInt64(), random.NextUInt64(), random.NextUInt64()];
        Assert.Equal(ReferenceXoshiro(1, 3), first);
    }

    [Fact]
    public void NextDouble_is_in_unit_interval_and_roughly_uniform()
    {
        var random = new DeterministicRandom(7);
        var buckets = new int[10];
        for (int i = 0; i < 100_000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            buckets[(int)(u * 10)]++;
        }
        Assert.All(buckets, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void NextInt_stays_in_bounds_and_shuffle_is_a_permutation()
    {
        var random = new DeterministicRandom(9);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.NextInt(7), 0, 6);
        }
        int[] values = Enumerable.Range(0, 1000).ToArray();
        random.Shuffle(values);
        Assert.NotEqual(Enumerable.Range(0, 1000), values);
        Assert.Equal(Enumerable.Range(0, 1000), values.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    /// <summary>An independent transcription of SplitMix64 + xoshiro256** from their published definitions.</summary>
    private static ulong[] ReferenceXoshiro(ulong seed, int count)
    {
        ulong x = seed;
        ulong Next()
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        ulong[] s = [Next(), Next(), Next(), Next()];
        var output = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            output[i] = ulong.RotateLeft(s[1] * 5, 7) * 9;
            ulong t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = ulong.RotateLeft(s[3], 45);
        }
        return output;
    }
}
