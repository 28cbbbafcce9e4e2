// Every test class owns SQLite files and ActorSystems with cluster ports; running them one at a time
// keeps SQLite's single writer and the 2-core CI machine free of cross-test contention.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
