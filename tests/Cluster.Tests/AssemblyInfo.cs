// Fault tests start Redis and silo processes on this machine's two cores: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
