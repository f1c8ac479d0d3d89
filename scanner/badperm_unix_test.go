//go:build unix

package scanner

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ampscan/ampscan/internal/gittest"
)

// nobody is the user the permission test runs as when started by root.
const nobody = 65534

// Permission bits do not stop root, and CI runs tests as root. So when
// root runs this test, it runs itself again (the same test binary) as an
// unprivileged user, for whom a mode-000 file and directory really are
// unreadable, and passes only if that run passes.
func TestBadInputPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		runAsNobody(t, "TestBadInputPermissionDenied")
		return
	}
	dir := t.TempDir()
	k := gittest.NewKeys(t)
	besideKey, fileKey, dirKey := k.Hex(), k.Hex(), k.Hex()
	writeBad(t, dir, "beside/.env", "AMPLITUDE_SECRET_KEY="+besideKey+"\n")
	locked := writeBad(t, dir, "locked.env", "AMPLITUDE_SECRET_KEY="+fileKey+"\n")
	writeBad(t, dir, "closed/inside.env", "AMPLITUDE_SECRET_KEY="+dirKey+"\n")
	for _, p := range []string{locked, filepath.Join(dir, "closed")} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(p, 0o755) }) // so that TempDir can remove it
	}
	rep, named := scanWithin(t, 30*time.Second, &Engine{Rules: builtin(t), Jobs: 2}, &Dir{Roots: []string{dir}})
	checkBad(t, rep, named, badWant{
		found:   []spot{{"beside/.env", besideKey, 1, 22}},
		absent:  []string{fileKey, dirKey},
		skipped: map[string]int64{"unreadable": 2},
		errors:  []string{"closed", "locked.env"},
		check: func(t *testing.T, rep *Report) {
			for _, e := range rep.Stats.Errors {
				if !strings.Contains(e.Err, "permission denied") {
					t.Errorf("%s: %s", e.Path, e.Err)
				}
			}
		},
	})
}

// runAsNobody runs one test of this binary as the unprivileged user, from
// a copy of the binary that user can execute, and fails if it does not
// pass. Where the process may not change user, the test is skipped, and
// says so.
func runAsNobody(t *testing.T, name string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Not t.TempDir: its parents are private to root.
	home, err := os.MkdirTemp("", "ampscan-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(home)
	tmp := filepath.Join(home, "tmp")
	bin := filepath.Join(home, "test.bin")
	if err := errors.Join(os.Chmod(home, 0o755), os.Mkdir(tmp, 0o700), os.Chown(tmp, nobody, nobody), copyFile(self, bin)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Dir = home
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(err.Error(), "operation not permitted") {
		t.Skipf("cannot run as an unprivileged user here (%v): permission-denied cases not checked", err)
	}
	t.Logf("as uid %d:\n%s", nobody, out)
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("the unprivileged run failed: %v", err)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}
