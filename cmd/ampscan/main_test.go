package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run ampscan as a real process (signals, SIGPIPE, file
// descriptors): the test binary re-executes itself as main when
// AMPSCAN_TEST_MAIN is set, so no separate build is needed.
func TestMain(m *testing.M) {
	if os.Getenv("AMPSCAN_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// ampscanCmd returns an ampscan process ready to start, with extra
// environment variables.
func ampscanCmd(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "AMPSCAN_TEST_MAIN=1", "NO_COLOR=1"), env...)
	return cmd
}

type procResult struct {
	code           int
	stdout, stderr string
}

// runAmpscan runs ampscan to the end with captured output.
func runAmpscan(t *testing.T, env []string, args ...string) procResult {
	t.Helper()
	cmd := ampscanCmd(t, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return procResult{exitStatus(t, cmd.Run()), stdout.String(), stderr.String()}
}

func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ee.ExitCode() < 0 {
			t.Fatalf("ampscan died by a signal: %v", ee)
		}
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}

// keyGen makes fake credentials from a fixed seed.
type keyGen struct{ r *rand.Rand }

func newKeyGen(seed uint64) *keyGen { return &keyGen{rand.New(rand.NewPCG(seed, 7))} }

func (k *keyGen) hex() string { return fmt.Sprintf("%016x%016x", k.r.Uint64(), k.r.Uint64()) }

// denseLines is the length of a dense file: small (about 10 KB), so that
// one file's scan is short next to the second a signal may take.
const denseLines = 110

// denseTree writes n small files of lines lines that are slow to scan
// (every line names Amplitude and holds a 32-hex value that is not a
// key), each with one real secret key, so that a scan lasts long and
// finds something early.
func denseTree(t *testing.T, n, lines int) string {
	t.Helper()
	dir := t.TempDir()
	k := newKeyGen(uint64(n))
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "AMPLITUDE_SECRET_KEY=%s\n", k.hex())
		for j := range lines {
			fmt.Fprintf(&b, "amplitude_event_%d = md5(\"%s\") # amplitude secret id\n", j, k.hex())
		}
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%05d.env", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
