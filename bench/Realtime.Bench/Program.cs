using Realtime.Bench;

// Realtime side by side with the exclusion-constraint baseline and the durable-commit ceiling, in one run on one
// PostgreSQL server: see bench/run.sh.
return await Benchmark.RunAsync(BenchOptions.Parse(args));
