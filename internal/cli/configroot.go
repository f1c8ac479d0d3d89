package cli

import (
	"os"
	"path/filepath"
)

// configRoot is where a scan of path looks for .ampscan.toml: the root of
// what is scanned. For a directory that is the directory itself. A single
// file has no root of its own, so it takes the root of the git work tree
// that holds it, or else the working directory.
func configRoot(path string) string {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return path
	}
	if root, ok := workTreeRoot(filepath.Dir(path)); ok {
		return root
	}
	return "."
}

// stdinConfigRoot is configRoot for standard input, which has no path: the
// root of the work tree around the working directory dir, or dir itself.
func stdinConfigRoot(dir string) string {
	if root, ok := workTreeRoot(dir); ok {
		return root
	}
	return dir
}

// workTreeRoot finds the nearest directory at or above dir that holds a
// .git (a directory, or the file a linked worktree or submodule has).
func workTreeRoot(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
