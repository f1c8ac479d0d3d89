package scanner

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// The directory walk opens each directory by its full path, and the kernel
// refuses paths longer than PATH_MAX (4096 bytes on Linux): in a tree nested
// some 2,000 levels deep, everything below was reported unreadable and its
// keys never seen. Below that point the walk goes on here, with openat-style
// opens relative to the parent (os.Root), one descriptor per level held
// while descending: depth is then bounded by the descriptor limit, and
// whatever cannot be opened is still named and counted.

// tooLong reports whether err is the kernel refusing a path for its length.
func tooLong(err error) bool { return errors.Is(err, syscall.ENAMETOOLONG) }

// walkDeep walks directory p under root, which could not be read by its
// full path. shown is p as reported to users.
func (d *Dir) walkDeep(ctx context.Context, root, p, shown string, emit func(Unit) error) error {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return emit(Unit{Path: shown, Err: err})
	}
	comps := strings.Split(rel, string(filepath.Separator))
	r, err := openDeep(root, comps)
	if err != nil {
		return emit(Unit{Path: shown, Err: err})
	}
	defer r.Close()
	return d.walkRoot(ctx, root, comps, r, shown, emit)
}

// openDeep opens root/comps... one component at a time.
func openDeep(root string, comps []string) (*os.Root, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	for _, c := range comps {
		next, err := r.OpenRoot(c)
		r.Close()
		if err != nil {
			return nil, err
		}
		r = next
	}
	return r, nil
}

// walkRoot walks the open directory r (root/comps...), in lexical order,
// with the same rules as walk: .git skipped, symlinks and special files
// counted and never opened.
func (d *Dir) walkRoot(ctx context.Context, root string, comps []string, r *os.Root, shown string, emit func(Unit) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := fs.ReadDir(r.FS(), ".")
	if err != nil {
		return emit(Unit{Path: shown, Err: err})
	}
	for _, de := range entries { // sorted by fs.ReadDir
		name, path := de.Name(), shown+"/"+de.Name()
		var err error
		switch {
		case de.IsDir():
			if name != ".git" {
				err = d.walkSub(ctx, root, comps, r, name, path, emit)
			}
		case de.Type()&fs.ModeSymlink != 0:
			err = emit(Unit{Path: path, Skip: "symlink"})
		case !de.Type().IsRegular():
			err = emit(Unit{Path: path, Skip: "not a regular file"})
		default:
			// Read later by a worker, when r may be closed: it descends
			// again (deep files are few).
			dir := slices.Clone(comps)
			err = emit(Unit{Path: path, Open: func() (io.ReadCloser, error) {
				dr, err := openDeep(root, dir)
				if err != nil {
					return nil, err
				}
				defer dr.Close() // the file stays open
				return dr.Open(name)
			}})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *Dir) walkSub(ctx context.Context, root string, comps []string, r *os.Root, name, shown string, emit func(Unit) error) error {
	sub, err := r.OpenRoot(name)
	if err != nil {
		return emit(Unit{Path: shown, Err: err})
	}
	defer sub.Close()
	return d.walkRoot(ctx, root, append(comps, name), sub, shown, emit)
}
