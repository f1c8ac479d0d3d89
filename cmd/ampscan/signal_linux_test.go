package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// interruptedJSON is what a report says about being cut short.
type interruptedJSON struct {
	Findings         []json.RawMessage `json:"findings"`
	Incomplete       bool              `json:"incomplete"`
	IncompleteReason string            `json:"incomplete_reason"`
}

// TestSignalStopsScan interrupts long dir and git scans with SIGINT and
// SIGTERM: each must stop within a second of the signal, write the report
// of what it found so far marked incomplete, and exit 130.
func TestSignalStopsScan(t *testing.T) {
	// Sized so that each scan lasts several times the wait below without
	// -race: 1,500 files and 1,000 commits of denseLines lines once did,
	// but by 2026-12-07 either scan took about 0.3 s of processor time,
	// and the signal came as it ended (exit 1, not 130). Files four times
	// as long make scans of about 1.2 s; more commits would not do, as
	// under -race the walk of 4,000 took most of the wait, and the report
	// cut short there held almost no finding.
	tree := denseTree(t, 1500, 4*denseLines)
	repo := denseHistory(t, 1000, 4*denseLines)
	baseline := startupCPU(t)
	cases := []struct {
		name   string
		sig    syscall.Signal
		args   []string
		format string
	}{
		{"dir SIGINT json", syscall.SIGINT, []string{"dir", tree}, "json"},
		{"dir SIGTERM text", syscall.SIGTERM, []string{"dir", tree}, "text"},
		{"git SIGINT json", syscall.SIGINT, []string{"git", repo}, "json"},
		{"git SIGTERM sarif", syscall.SIGTERM, []string{"git", repo}, "sarif"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report")
			args := append([]string{"--jobs", "1", "-q", "--format", tc.format, "--output", out}, tc.args...)
			cmd := ampscanCmd(t, nil, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitScanning(t, cmd.Process.Pid, baseline)
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			code := exitStatus(t, cmd.Wait())
			took := time.Since(sent)
			t.Logf("%s: exit %d %v after the signal; stderr: %s", tc.name, code, took.Round(time.Millisecond), strings.TrimSpace(stderr.String()))
			if code != 130 {
				t.Fatalf("exit %d, want 130", code)
			}
			if took > time.Second {
				t.Errorf("took %v after the signal, want under a second", took)
			}
			checkIncomplete(t, tc.format, out, tc.sig)
		})
	}
}

func checkIncomplete(t *testing.T, format, path string, sig syscall.Signal) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no report written: %v", err)
	}
	reason := sig.String() + " signal received"
	switch format {
	case "json":
		var rep interruptedJSON
		if err := json.Unmarshal(raw, &rep); err != nil {
			t.Fatal(err)
		}
		if !rep.Incomplete || rep.IncompleteReason != reason || len(rep.Findings) == 0 {
			t.Errorf("incomplete %v (%q) with %d findings: want a partial report that says why", rep.Incomplete, rep.IncompleteReason, len(rep.Findings))
		}
		t.Logf("partial report: %d findings", len(rep.Findings))
	case "sarif":
		var log struct {
			Runs []struct {
				Invocations []struct {
					ExecutionSuccessful *bool `json:"executionSuccessful"`
				} `json:"invocations"`
				Properties map[string]any `json:"properties"`
				Results    []any          `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(raw, &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || *run.Invocations[0].ExecutionSuccessful ||
			run.Properties["incomplete"] != true || len(run.Results) == 0 {
			t.Errorf("SARIF does not say the partial run failed: %+v", run)
		}
	default:
		if !strings.Contains(string(raw), "INCOMPLETE: scan incomplete ("+reason+")") || !strings.Contains(string(raw), "PRIVATE") {
			t.Errorf("text report does not say it is partial:\n%s", raw)
		}
	}
}

// startupCPU is the processor time ampscan spends before it scans (the
// runtime, loading and checking the rules), measured on empty input.
func startupCPU(t *testing.T) time.Duration {
	t.Helper()
	cmd := ampscanCmd(t, nil, "stdin", "-q")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// waitScanning returns once the process has used startup's processor time
// and scanWait more: it is then well into the scan, however loaded the
// machine (wall-clock sleeps are not).
func waitScanning(t *testing.T, pid int, baseline time.Duration) {
	t.Helper()
	want := baseline + scanWait
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cpuTime(t, pid) >= want {
			return
		}
	}
	t.Fatalf("ampscan used less than %v of processor time in two minutes", want)
}

// cpuTime reads a process's user and system time from /proc (in ticks of
// 1/100 s, the value of CLK_TCK on Linux).
func cpuTime(t *testing.T, pid int) time.Duration {
	t.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are the 12th and 13th.
	fields := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	var ticks int64
	for _, f := range fields[11:13] {
		var n int64
		if _, err := fmt.Sscan(f, &n); err != nil {
			t.Fatalf("reading /proc stat field %q: %v", f, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}

// denseHistory builds, with git fast-import, a repository of n commits,
// each adding one file of denseTree's kind: a history slow to scan.
func denseHistory(t *testing.T, n, lines int) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to build the test repository:", err)
	}
	dir := t.TempDir()
	gitCmd := func(stdin []byte, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		cmd.Stdin = bytes.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitCmd(nil, "init", "-q", "-b", "main")
	k := newKeyGen(uint64(n) + 1)
	var s bytes.Buffer
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "AMPLITUDE_SECRET_KEY=%s\n", k.hex())
		for j := range lines {
			fmt.Fprintf(&b, "amplitude_event_%d = md5(\"%s\") # amplitude secret id\n", j, k.hex())
		}
		fmt.Fprintf(&s, "commit refs/heads/main\ncommitter T <t@example.com> %d +0000\ndata 2\nc\n", 1700000000+i*60)
		fmt.Fprintf(&s, "M 100644 inline d%03d/f%05d.env\ndata %d\n%s\n", i/100, i, b.Len(), b.String())
	}
	gitCmd(s.Bytes(), "fast-import", "--quiet")
	return dir
}
