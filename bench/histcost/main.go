//go:build benchtools

// Command histcost runs a history scan of a repository in process and says
// where its time goes: with -match none the engine's matcher is replaced by
// one that finds nothing, so what remains is the cost of reading history
// (commit selection, tree walk, inflation, deltas, hand-off to workers).
//
//	go run -tags benchtools ./bench/histcost -match none REPO
package main

import (
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
	start := time.Now()
	rep, err := history.Scan(context.Background(), eng, g, history.Options{}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("histcost: match=%s %d findings, %d blobs, %.0f MB in %.2f s\n", *match, len(rep.Findings),
		rep.Stats.Files, float64(rep.Stats.Bytes)/1e6, time.Since(start).Seconds())
}
