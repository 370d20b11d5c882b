using Realtime.Faults;

// The fault campaign: two silos and an API node under a retrying load, silos killed again and again, PostgreSQL
// restarted once, then the invariants over what is persisted: see faults/run.sh.
return await Campaign.RunAsync(FaultOptions.Parse(args));
