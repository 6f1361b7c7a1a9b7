namespace RobustGrid.Grains.Runs;

/// <summary>Bounds the runs training at once on one silo to its cores, whatever placement does.</summary>
public sealed class RunExecutionGate
{
    private readonly SemaphoreSlim _slots;

    public RunExecutionGate(int slots) => _slots = new SemaphoreSlim(Math.Max(1, slots));

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Lease(_slots);
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
