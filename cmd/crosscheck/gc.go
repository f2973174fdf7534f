package main

import (
	"os"
	"runtime/debug"
)

// ingestGCPercent is the garbage collector's target for the commands that
// ingest (ingest, watch, serve and their benches). Each page allocates
// several times its size in parse trees, tokens and candidates that die
// within milliseconds, while the live heap (the live stories, the caches)
// changes slowly: collecting at 5x the live heap instead of 2x keeps a
// heap of a few hundred megabytes (bench ingest, profiled: background
// marking fell from 1.2 to 0.26 ms of CPU per page; about 5% more pages
// per CPU-second on one core, 10% with two).
const ingestGCPercent = 400

// tuneGCForIngest applies ingestGCPercent, unless the user set GOGC, and
// bounds the heap softly at half the machine's memory (unless GOMEMLIMIT is
// set) so that the larger target cannot run the machine out of memory: near
// the limit the runtime collects more often instead.
func tuneGCForIngest() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ingestGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if total := physicalMemory(); total > 0 {
			debug.SetMemoryLimit(int64(total / 2))
		}
	}
}
