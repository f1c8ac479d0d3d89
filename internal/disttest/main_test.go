// Package disttest checks how ampscan is distributed, from the outside: the
// stamped version, the container image (built as a tarball, no registry),
// the GitHub Action's download-and-verify script, and the GitLab CI
// template. It builds one static ampscan binary, as the release does, and
// every test drives that binary.
package disttest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// What the test build stamps with -ldflags, as .goreleaser.yaml does.
const (
	stampVersion = "1.2.3"
	stampCommit  = "0123456789abcdef0123456789abcdef01234567"
	stampDate    = "2026-01-02T03:04:05Z"
)

var (
	root       string // the module's root
	ampscanBin string // the static binary TestMain built
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "disttest:", err)
		code = 1
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	var err error
	if root, err = filepath.Abs(filepath.Join("..", "..")); err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp("", "ampscan-disttest-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	ampscanBin = filepath.Join(dir, "ampscan")
	if err := buildStatic(ampscanBin); err != nil {
		return 0, err
	}
	return m.Run(), nil
}

// buildStatic builds ampscan as the release does: no cgo (so it runs on an
// empty base image) and the three stamps. (Not -trimpath: that would
// rebuild every package instead of reusing the test build's cache.)
func buildStatic(out string) error {
	pkg := "github.com/ampscan/ampscan/internal/cli."
	ldflags := strings.Join([]string{"-s -w",
		"-X " + pkg + "version=" + stampVersion,
		"-X " + pkg + "commit=" + stampCommit,
		"-X " + pkg + "date=" + stampDate}, " ")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", out, "./cmd/ampscan")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	return nil
}

// result is what a process did.
type result struct {
	code           int
	stdout, stderr string
}

// execIn runs name with args in dir, with env added to the test's
// environment, and returns its exit status and output. Only a failure to
// start it is fatal.
func execIn(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return result{exit.ExitCode(), out.String(), errb.String()}
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{0, out.String(), errb.String()}
}

func TestVersionShowsTheStamps(t *testing.T) {
	r := execIn(t, t.TempDir(), nil, ampscanBin, "version")
	want := fmt.Sprintf("ampscan %s (commit %s, built %s)\n", stampVersion, stampCommit, stampDate)
	if r.code != 0 || r.stdout != want {
		t.Fatalf("ampscan version: exit %d, %q; want %q", r.code, r.stdout, want)
	}
}
