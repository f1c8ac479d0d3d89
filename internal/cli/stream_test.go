package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/rules"
)

// writeSizes records the size of each write it is given.
type writeSizes struct {
	bytes.Buffer
	largest, writes int
}

func (w *writeSizes) Write(p []byte) (int, error) {
	w.largest = max(w.largest, len(p))
	w.writes++
	return w.Buffer.Write(p)
}

// TestReportIsStreamed: the report reaches standard output in pieces as it
// is written, not as one document held in memory first (with 200,000
// findings that document was over a gigabyte), and the pieces add up to
// the same report --output writes to a file.
func TestReportIsStreamed(t *testing.T) {
	t.Parallel()
	const n, piece = 1000, 64 << 10
	r := rand.New(rand.NewPCG(8, 8))
	var env strings.Builder
	for i := range n {
		fmt.Fprintf(&env, "AMPLITUDE_SECRET_KEY_%d=%s\n", i, rules.ExpandExample("{{hex}}", r))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "many.env"), []byte(env.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "sarif"} {
		var stdout writeSizes
		var stderr bytes.Buffer
		code := cli.Run(context.Background(), []string{"dir", "--format", format, dir}, strings.NewReader(""), &stdout, &stderr)
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1 (findings); stderr %s", format, code, stderr.String())
		}
		t.Logf("%s: %d bytes in %d writes, the largest %d", format, stdout.Len(), stdout.writes, stdout.largest)
		if stdout.Len() < 4*piece || stdout.largest > piece {
			t.Errorf("%s: %d bytes in %d writes, the largest %d; want pieces of at most %d", format, stdout.Len(), stdout.writes, stdout.largest, piece)
		}
		out := filepath.Join(t.TempDir(), "report")
		if code := cli.Run(context.Background(), []string{"dir", "--format", format, "--output", out, dir}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 1 {
			t.Fatalf("%s --output: exit %d; stderr %s", format, code, stderr.String())
		}
		if file, err := os.ReadFile(out); err != nil || !bytes.Equal(file, stdout.Bytes()) {
			t.Errorf("%s: the --output file (%d bytes, %v) differs from standard output", format, len(file), err)
		}
	}
}
