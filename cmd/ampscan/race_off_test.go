//go:build !race

package main

import "time"

// scanWait: see race_on_test.go. Without the race detector the scans take
// about 1 s of processor time to the end, so the signal must come early.
const scanWait = 300 * time.Millisecond
