//go:build benchtools

// Command score compares an ampscan JSON report of the real-code regression
// (bench/realcode) with the hand-written labels: recall on the labelled
// keys, the near misses tried and hit, and every finding on a line no label
// calls a key.
//
//	go run -tags benchtools ./bench/realcode/score -labels bench/realcode/labels.tsv -report report.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

type label struct {
	path   string
	line   int
	kind   string // a key type without "amplitude-", or "not-a-key"
	reason string
}

type finding struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	KeyType string `json:"key_type"`
	RuleID  string `json:"rule_id"`
}

func main() {
	labelsPath := flag.String("labels", "bench/realcode/labels.tsv", "labels file")
	reportPath := flag.String("report", "", "ampscan --format json report of the fetched tree")
	flag.Parse()
	labels, err := readLabels(*labelsPath)
	if err != nil {
		fail(err)
	}
	raw, err := os.ReadFile(*reportPath)
	if err != nil {
		fail(err)
	}
	var rep struct{ Findings []finding }
	if err := json.Unmarshal(raw, &rep); err != nil {
		fail(fmt.Errorf("%s: %w", *reportPath, err))
	}
	os.Exit(score(labels, rep.Findings))
}

func readLabels(p string) ([]label, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var out []label
	for i, row := range strings.Split(string(raw), "\n") {
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		cols := strings.Split(row, "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 tab-separated columns (path, line, label, reason)", p, i+1)
		}
		n, err := strconv.Atoi(cols[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", p, i+1, err)
		}
		out = append(out, label{cols[0], n, cols[2], cols[3]})
	}
	return out, nil
}

// score prints the figures and returns 1 if a key was missed or anything
// else was found.
func score(labels []label, findings []finding) int {
	type at struct {
		path string
		line int
	}
	got := map[at][]finding{}
	for _, f := range findings {
		got[at{f.Path, f.Line}] = append(got[at{f.Path, f.Line}], f)
	}
	keys, near, found, nearHit := 0, 0, 0, 0
	labelled := map[at]bool{}
	for _, l := range labels {
		a := at{l.path, l.line}
		labelled[a] = true
		if l.kind == "not-a-key" {
			near++
			if len(got[a]) > 0 {
				nearHit++
				fmt.Printf("NEAR MISS FOUND %s:%d %s (%s)\n", l.path, l.line, got[a][0].KeyType, l.reason)
			}
			continue
		}
		keys++
		ok := false
		for _, f := range got[a] {
			ok = ok || f.KeyType == "amplitude-"+l.kind
		}
		if ok {
			found++
		} else {
			fmt.Printf("MISSED %s:%d %s\n", l.path, l.line, l.kind)
		}
	}
	var other []string
	for a, fs := range got {
		if !labelled[a] {
			for _, f := range fs {
				other = append(other, fmt.Sprintf("UNLABELLED FINDING %s:%d %s (%s)", a.path, a.line, f.KeyType, f.RuleID))
			}
		}
	}
	sort.Strings(other)
	for _, o := range other {
		fmt.Println(o)
	}
	fmt.Printf("recall %d/%d, near misses tried %d (found %d), false findings %d\n",
		found, keys, near, nearHit, nearHit+len(other))
	if found < keys || nearHit+len(other) > 0 {
		return 1
	}
	return 0
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "score:", err)
	os.Exit(2)
}
