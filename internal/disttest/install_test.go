package disttest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeRelease serves release assets as GitHub does
// (/releases/download/<tag>/<file>) on a loopback server and records what
// was asked for.
type fakeRelease struct {
	mu     sync.Mutex
	assets map[string][]byte // "<tag>/<file>"
	asked  []string
}

func (f *fakeRelease) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/releases/download/")
	f.mu.Lock()
	f.asked = append(f.asked, p)
	b, ok := f.assets[p]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(b) // the client checks what arrives
}

// archive packs files as goreleaser does for os: tar.gz, zip on Windows.
func archive(t *testing.T, goos string, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	names := slices.Sorted(mapKeys(files))
	if goos == "windows" {
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, err := zw.Create(n)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(files[n]); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o755, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestInstallScript runs the Action's download-and-verify script against a
// fake release: the genuine archive is installed and runs; a tampered one,
// a release whose checksums.txt does not list the archive, and a missing
// release are refused, and nothing is installed.
func TestInstallScript(t *testing.T) {
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		t.Skipf("the installed binary is run: needs a Linux amd64/arm64 host, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	bin, err := os.ReadFile(ampscanBin)
	if err != nil {
		t.Fatal(err)
	}
	readme := []byte("# ampscan\n")
	host := fmt.Sprintf("ampscan_%s_linux_%s.tar.gz", stampVersion, runtime.GOARCH)
	good := archive(t, "linux", map[string][]byte{"ampscan": bin, "README.md": readme})
	// The same archive with one byte of the binary changed: what a
	// compromised mirror or a corrupted download would serve.
	evil := slices.Clone(bin)
	evil[len(evil)/2] ^= 0xff
	tampered := archive(t, "linux", map[string][]byte{"ampscan": evil, "README.md": readme})
	mac := archive(t, "darwin", map[string][]byte{"ampscan": []byte("darwin arm64 build\n")})
	win := archive(t, "windows", map[string][]byte{"ampscan.exe": []byte("windows amd64 build\n")})
	checksums := func(hostArchive []byte) []byte {
		return fmt.Appendf(nil, "%s  %s\n%s  ampscan_%s_darwin_arm64.tar.gz\n%s  ampscan_%s_windows_amd64.zip\n",
			sum(hostArchive), host, sum(mac), stampVersion, sum(win), stampVersion)
	}
	tag := "v" + stampVersion
	release := func(hostArchive []byte, sums []byte) map[string][]byte {
		return map[string][]byte{
			tag + "/" + host:       hostArchive,
			tag + "/checksums.txt": sums,
			tag + "/" + "ampscan_" + stampVersion + "_darwin_arm64.tar.gz": mac,
			tag + "/" + "ampscan_" + stampVersion + "_windows_amd64.zip":   win,
		}
	}
	hostArch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]

	for _, tc := range []struct {
		name      string
		assets    map[string][]byte
		version   string
		runnerOS  string
		runnerArc string
		wantErr   string // "" means installed
		wantFile  string // the installed file's name
		wantBytes []byte // its content, when not the host binary
	}{
		{name: "genuine", assets: release(good, checksums(good)), version: tag, runnerOS: "Linux", runnerArc: hostArch, wantFile: "ampscan"},
		{name: "tampered binary", assets: release(tampered, checksums(good)), version: tag, runnerOS: "Linux", runnerArc: hostArch,
			wantErr: "checksum mismatch for " + host},
		{name: "archive not in checksums.txt", assets: release(good, []byte(sum(mac)+"  ampscan_"+stampVersion+"_darwin_arm64.tar.gz\n")),
			version: tag, runnerOS: "Linux", runnerArc: hostArch, wantErr: "checksums.txt of " + tag + " has no single sha256 for " + host},
		{name: "no such release", assets: map[string][]byte{}, version: tag, runnerOS: "Linux", runnerArc: hostArch, wantErr: "cannot download"},
		{name: "not a release tag", assets: release(good, checksums(good)), version: "main", runnerOS: "Linux", runnerArc: hostArch,
			wantErr: "must be a release tag"},
		{name: "macOS arm64 runner", assets: release(good, checksums(good)), version: tag, runnerOS: "macOS", runnerArc: "ARM64",
			wantFile: "ampscan", wantBytes: []byte("darwin arm64 build\n")},
		{name: "Windows x64 runner", assets: release(good, checksums(good)), version: tag, runnerOS: "Windows", runnerArc: "X64",
			wantFile: "ampscan.exe", wantBytes: []byte("windows amd64 build\n")},
		{name: "32-bit runner", assets: release(good, checksums(good)), version: tag, runnerOS: "Linux", runnerArc: "X86",
			wantErr: "no release build for the architecture 'X86'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := &fakeRelease{assets: tc.assets}
			srv := httptest.NewServer(fake)
			defer srv.Close()
			dest := filepath.Join(t.TempDir(), "tool-cache", "ampscan")
			r := execIn(t, root, []string{
				"AMPSCAN_VERSION=" + tc.version, "AMPSCAN_DEST=" + dest,
				"AMPSCAN_RELEASE_URL=" + srv.URL + "/releases/download",
				"RUNNER_OS=" + tc.runnerOS, "RUNNER_ARCH=" + tc.runnerArc,
				"AMPSCAN_OS=", "AMPSCAN_ARCH=",
			}, "bash", "scripts/install-ampscan.sh")

			if tc.wantErr != "" {
				if r.code == 0 || !strings.Contains(r.stderr, tc.wantErr) {
					t.Fatalf("exit %d, stderr %q; want a failure saying %q", r.code, r.stderr, tc.wantErr)
				}
				if entries, _ := os.ReadDir(dest); len(entries) != 0 {
					t.Errorf("a refused install left %d files in %s", len(entries), dest)
				}
				return
			}
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			installed := filepath.Join(dest, tc.wantFile)
			got, err := os.ReadFile(installed)
			if err != nil {
				t.Fatalf("not installed: %v (asked for %q)", err, fake.asked)
			}
			if entries, _ := os.ReadDir(dest); len(entries) != 1 {
				t.Errorf("%s holds %d files, want only %s", dest, len(entries), tc.wantFile)
			}
			if tc.wantBytes != nil {
				if !bytes.Equal(got, tc.wantBytes) {
					t.Errorf("installed %q, want %q (asked for %q)", got, tc.wantBytes, fake.asked)
				}
				return
			}
			v := execIn(t, t.TempDir(), nil, installed, "version")
			if v.code != 0 || !strings.HasPrefix(v.stdout, "ampscan "+stampVersion+" ") {
				t.Errorf("installed ampscan version: exit %d, %q", v.code, v.stdout)
			}
		})
	}
}
