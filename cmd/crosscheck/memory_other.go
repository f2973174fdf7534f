//go:build !linux

package main

// physicalMemory is the machine's RAM in bytes; 0: not known on this system
// (then no memory limit is set).
func physicalMemory() uint64 { return 0 }
