//go:build race

package main

import "time"

// scanWait is the processor time a scan is given past startup before
// TestSignalStopsScan signals it. Under the race detector a scan runs
// about fifteen times slower (the git scan there took 17 s of processor
// time to the end, 1.0 s without), and 300 ms past startup was still the
// history's walk: a partial report once held no finding at all.
const scanWait = 1500 * time.Millisecond
