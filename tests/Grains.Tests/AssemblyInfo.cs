// Cluster tests share this process's two cores and its process-wide meters: run them one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
