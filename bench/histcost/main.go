//go:build benchtools

// Command histcost runs a history scan of a repository in process and says
// where its time goes: with -match none the engine's matcher is replaced by
// one that finds nothing, so what remains is the cost of reading history
// (commit selection, tree walk, inflation, deltas, hand-off to workers).
//
//	go run -tags benchtools ./bench/histcost -match none REPO
//
// With -heapprofile it also keeps the heap profile of the moment the heap
// in use was largest, which is what peak memory is made of (a profile
// written at the end shows only what is left).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

func main() {
	match := flag.String("match", "real", "real: the built-in rules; none: a matcher that finds nothing")
	cpu := flag.String("cpuprofile", "", "write a CPU profile to `FILE`")
	jobs := flag.Int("jobs", runtime.NumCPU(), "workers")
	heap := flag.String("heapprofile", "", "write to `FILE` the heap profile taken when the heap in use was largest (sampled every 200 ms)")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: histcost [-match real|none] REPO")
	}
	cat, err := rules.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	eng := &scanner.Engine{Rules: cat, Jobs: *jobs}
	switch *match {
	case "none":
		eng.Match = func(string, []byte) []rules.Match { return nil }
	case "real":
	default:
		log.Fatalf("-match %q: want real or none", *match)
	}
	g, err := history.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *heap != "" {
		stop := watchHeap(*heap)
		defer stop()
	}
	start := time.Now()
	rep, err := history.Scan(context.Background(), eng, g, history.Options{}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("histcost: match=%s %d findings, %d blobs, %.0f MB in %.2f s\n", *match, len(rep.Findings),
		rep.Stats.Files, float64(rep.Stats.Bytes)/1e6, time.Since(start).Seconds())
}

// watchHeap samples the heap in use every 200 ms and keeps the profile of the
// largest sample, so that the peak, not what is left at the end, is shown.
// The returned function stops sampling and writes the kept profile to path.
func watchHeap(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	var best bytes.Buffer
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse <= peak {
			return
		}
		peak = ms.HeapInuse
		best.Reset()
		if err := pprof.Lookup("heap").WriteTo(&best, 0); err != nil {
			log.Fatal(err)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				sample()
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if err := os.WriteFile(path, best.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("histcost: largest heap in use %.0f MB, profile in %s\n", float64(peak)/1e6, path)
	}
}
