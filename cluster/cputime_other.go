//go:build !unix

package cluster

import "time"

// cpuTime is unknown on this system: Bench then reports wall time only.
func cpuTime() time.Duration { return 0 }
