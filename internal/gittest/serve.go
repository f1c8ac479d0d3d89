package gittest

import (
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// Server serves the bare repositories under Root over git's smart HTTP
// protocol (git http-backend through CGI) on a loopback address, and
// refuses every request whose basic-auth password is not Token.
type Server struct {
	*httptest.Server
	Root  string
	Token string
	// Refused counts requests turned away for want of the token.
	Refused atomic.Int64
}

// Serve starts a Server; it skips the test when git is not installed.
func Serve(t testing.TB, token string) *Server {
	t.Helper()
	backend := httpBackend(t)
	s := &Server{Root: t.TempDir(), Token: token}
	h := &cgi.Handler{
		Path:   backend,
		Root:   "/",
		Stderr: io.Discard, // "not a git repository" for the 404 cases
		Env:    []string{"GIT_PROJECT_ROOT=" + s.Root, "GIT_HTTP_EXPORT_ALL=1", "GIT_CONFIG_NOSYSTEM=1", "HOME=" + s.Root},
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pass, ok := r.BasicAuth(); !ok || pass != token {
			s.Refused.Add(1)
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// Publish copies r's history into a bare repository at name (such as
// "acme/api.git") under Root and returns its clone URL (without the token).
func (s *Server) Publish(t testing.TB, r *Repo, name string) string {
	t.Helper()
	PublishBare(t, r, filepath.Join(s.Root, filepath.FromSlash(name)))
	return s.URL + "/" + name
}

// PublishBare writes a bare copy of r at dir (for file:// URLs too).
func PublishBare(t testing.TB, r *Repo, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	Git(t, filepath.Dir(dir), "clone", "--quiet", "--bare", r.Dir, dir)
}

func httpBackend(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Skipf("git --exec-path: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "git-http-backend")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("git http-backend is not installed: %v", err)
	}
	return path
}
