package scanner

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/ampscan/ampscan/rules"
)

// denseEnv is a .env of n generated keys, one a line, over a few names.
func denseEnv(n int) []byte {
	r := rand.New(rand.NewPCG(5, 9))
	names := []string{"AMPLITUDE_API_KEY", "AMPLITUDE_SECRET_KEY", "AMPLITUDE_API_KEY", "AMPLITUDE_DEPLOYMENT_KEY"}
	var b bytes.Buffer
	for i := range n {
		name := names[i%len(names)]
		value := fakeHex(r)
		if name == "AMPLITUDE_DEPLOYMENT_KEY" {
			value = "server-" + value
		}
		fmt.Fprintf(&b, "%s_%d=%s\n", name, i, value)
	}
	return b.Bytes()
}

// lineMatches finds the value that ends each line (32 hex characters,
// perhaps after server-) right after its '=' or at the window's start, as a
// rule would: a cheap stand-in for the catalogue, so that what is measured
// is the engine's cost per finding, not the matcher's.
func lineMatches(_ string, data []byte) []rules.Match {
	var ms []rules.Match
	for ls := 0; ls < len(data); {
		eol := bytes.IndexByte(data[ls:], '\n')
		if eol < 0 {
			break // a line cut by the window's end: the next window has it whole
		}
		eol += ls
		start, kt := eol-32, rules.APIKey
		if start-7 >= ls && string(data[start-7:start]) == "server-" {
			start, kt = start-7, rules.ServerDeploymentKey
		}
		if start >= ls && (start == 0 || data[start-1] == '=') {
			if bytes.Contains(data[ls:start], []byte("SECRET")) {
				kt = rules.SecretKey
			}
			ms = append(ms, rules.Match{RuleID: "test.env", KeyType: kt, Secret: string(data[start:eol]), Start: start, End: eol})
		}
		ls = eol + 1
	}
	return ms
}

func liveHeap() (live, allocated uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, ms.TotalAlloc
}

// TestMemoryPerFinding: a file with many findings costs a bounded amount of
// memory per finding, kept and allocated. A Finding is about 220 bytes and
// its value and fingerprint 80 more; what the scan keeps must stay near
// that, and what it allocates on the way must not make copies of every
// finding (each is another 220 bytes a finding, and with 200,000 findings
// they are what made a scan peak far above its report). The engine as it
// was allocated about 2,200 bytes per finding here, now about 1,200.
func TestMemoryPerFinding(t *testing.T) {
	// Not parallel: it measures the heap of the whole process.
	const n = 20000
	const keptBudget, allocBudget = 400, 1500 // bytes per finding
	data := denseEnv(n)
	eng := &Engine{Match: lineMatches, ChunkSize: 256 << 10}
	before, alloc0 := liveHeap()
	rep, err := Collect(context.Background(), eng, &Reader{Name: ".env", R: bytes.NewReader(data)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, alloc1 := liveHeap()
	if len(rep.Findings) != n {
		t.Fatalf("%d findings, want %d", len(rep.Findings), n)
	}
	kept := (int64(after) - int64(before)) / n
	allocated := int64(alloc1-alloc0) / n
	t.Logf("%d findings: %d bytes kept and %d allocated per finding", n, kept, allocated)
	if kept > keptBudget {
		t.Errorf("the report keeps %d bytes per finding, want at most %d", kept, keptBudget)
	}
	if allocated > allocBudget {
		t.Errorf("the scan allocated %d bytes per finding, want at most %d", allocated, allocBudget)
	}
	runtime.KeepAlive(rep)
	runtime.KeepAlive(data)
}
