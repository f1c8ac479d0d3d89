package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDeterministicOutput runs the same dir and git scans under GOMAXPROCS
// 1, 2 and 8 with --jobs 1 and 64, twice each, and wants byte-identical
// JSON and SARIF every time: worker scheduling must never show in output.
func TestDeterministicOutput(t *testing.T) {
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed to build the history fixture: %v", tool, err)
		}
	}
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	gen := exec.Command("bash", filepath.Join("..", "..", "testdata", "history-blind", "gen.sh"), repo, tmp)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gen.sh: %v\n%s", err, out)
	}
	scans := []struct {
		name string
		args []string
	}{
		{"dir corpus-blind1", []string{"dir", filepath.Join("..", "..", "testdata", "corpus-blind1")}},
		{"git history-blind", []string{"git", repo}},
	}
	for _, sc := range scans {
		name, scan := sc.name, sc.args
		for _, format := range []string{"json", "sarif"} {
			t.Run(name+" "+format, func(t *testing.T) {
				t.Parallel()
				var first []byte
				runs := 0
				for _, procs := range []int{1, 2, 8} {
					for _, jobs := range []int{1, 64} {
						for range 2 {
							args := append([]string{"--format", format, "-q", "--jobs", fmt.Sprint(jobs)}, scan...)
							r := runAmpscan(t, []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}, args...)
							if r.code != 1 {
								t.Fatalf("GOMAXPROCS=%d --jobs %d: exit %d, want 1 (findings); stderr %s", procs, jobs, r.code, r.stderr)
							}
							runs++
							if first == nil {
								first = []byte(r.stdout)
								continue
							}
							if !bytes.Equal(first, []byte(r.stdout)) {
								t.Fatalf("GOMAXPROCS=%d --jobs %d: output differs from the first run (%d vs %d bytes)", procs, jobs, len(r.stdout), len(first))
							}
						}
					}
				}
				t.Logf("%d runs, %d bytes each, byte-identical", runs, len(first))
			})
		}
	}
}
