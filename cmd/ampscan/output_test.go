//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oneKeyTree is a directory with one private key in it.
func oneKeyTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	body := "AMPLITUDE_SECRET_KEY=" + newKeyGen(3).hex() + "\n"
	if err := os.WriteFile(filepath.Join(dir, "prod.env"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOutputFaults: a report that cannot be written (a full disk, a closed
// pipe, a file size limit) is a clear error on stderr and exit 2, never a
// silent death by SIGPIPE, and leaves no partial report file behind.
func TestOutputFaults(t *testing.T) {
	tree := oneKeyTree(t)
	devFull, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal("/dev/full is needed:", err)
	}
	defer devFull.Close()
	cases := []struct {
		name    string
		args    []string
		stdout  func(t *testing.T) *os.File
		wantErr string
	}{
		{name: "--output /dev/full", args: []string{"--output", "/dev/full"},
			wantErr: "ampscan: cannot write the report to /dev/full: no space left on device"},
		{name: "stdout is /dev/full", stdout: func(*testing.T) *os.File { return devFull },
			wantErr: "ampscan: cannot write the report to standard output: no space left on device"},
		{name: "stdout is a closed pipe", stdout: closedPipe,
			wantErr: "ampscan: cannot write the report to standard output: broken pipe"},
	}
	for _, tc := range cases {
		for _, format := range []string{"text", "json", "sarif"} {
			t.Run(tc.name+" "+format, func(t *testing.T) {
				cmd := ampscanCmd(t, nil, append(append([]string{"dir", "--format", format}, tc.args...), tree)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if tc.stdout != nil {
					cmd.Stdout = tc.stdout(t)
				}
				code := exitStatus(t, cmd.Run()) // fails the test on a death by signal
				if code != 2 || strings.TrimSpace(stderr.String()) != tc.wantErr {
					t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tc.wantErr)
				}
				t.Logf("%s", strings.TrimSpace(stderr.String()))
			})
		}
	}
}

func closedPipe(t *testing.T) *os.File {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}

// TestOutputFileSizeLimit: with --output on a regular file that cannot
// grow (a file size limit stands in for a full disk), the old report is
// left as it was and no temporary file remains.
func TestOutputFileSizeLimit(t *testing.T) {
	tree := oneKeyTree(t)
	outDir := t.TempDir()
	target := filepath.Join(outDir, "ampscan.sarif")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := ampscanCmd(t, nil)
	cmd.Path = "/bin/sh"
	cmd.Args = []string{"sh", "-c", `ulimit -f 0 && exec "$0" "$@"`, exe, "dir", "--format", "sarif", "--output", target, tree}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	code := exitStatus(t, cmd.Run())
	want := "ampscan: cannot write the report to " + target + ": file too large"
	if code != 2 || strings.TrimSpace(stderr.String()) != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "ampscan.sarif" {
		t.Errorf("files left in the output directory: %v", entries)
	}
	if st, err := os.Stat(target); err != nil || st.Size() != 0 {
		t.Errorf("the earlier report was changed: %v, %v", st, err)
	}
}
