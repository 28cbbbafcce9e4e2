// Every cluster test uses the same ports, scripts and database: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
