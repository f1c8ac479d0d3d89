package scanner

import (
	"context"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
)

// Dir is a Source over one or more directory trees (or single files).
// .git directories are skipped, symlinks are not followed, and nothing is
// skipped for size: large files are read in windows by the engine.
type Dir struct {
	Roots []string
	// Base, when set, is the directory that shown paths are relative to
	// (the root of the repository around a single file, where its
	// configuration is); a path outside it is shown as without Base.
	Base string
}

var _ Source = (*Dir)(nil)

// Units walks the roots in lexical order and yields each regular file.
func (d *Dir) Units(ctx context.Context, emit func(Unit) error) error {
	for _, root := range d.Roots {
		if err := d.walk(ctx, root, emit); err != nil {
			return err
		}
	}
	return nil
}

func (d *Dir) walk(ctx context.Context, root string, emit func(Unit) error) error {
	return filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		rel := d.display(root, p)
		if err != nil && de != nil && de.IsDir() && p != root && tooLong(err) {
			// Past PATH_MAX: go on with relative opens (see dirdeep.go).
			if err := d.walkDeep(ctx, root, p, rel, emit); err != nil {
				return err
			}
			return fs.SkipDir
		}
		if err != nil {
			if emitErr := emit(Unit{Path: rel, Err: err}); emitErr != nil {
				return emitErr
			}
			if de != nil && de.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case de.IsDir():
			if de.Name() == ".git" && p != root {
				return fs.SkipDir
			}
			return nil
		case de.Type()&fs.ModeSymlink != 0:
			return emit(Unit{Path: rel, Skip: "symlink"})
		case !de.Type().IsRegular():
			return emit(Unit{Path: rel, Skip: "not a regular file"})
		}
		full := p
		return emit(Unit{Path: rel, Open: func() (io.ReadCloser, error) { return openRegular(full) }})
	})
}

// display gives the path shown to users: relative to the root with forward
// slashes; with several roots, prefixed by the root as given so that paths
// stay distinct.
func (d *Dir) display(root, p string) string {
	if d.Base != "" {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(d.Base, abs); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == "." {
		rel = filepath.Base(p)
	}
	if len(d.Roots) > 1 {
		rel = filepath.Join(root, rel)
	}
	return strings.TrimPrefix(filepath.ToSlash(rel), "./")
}

// Reader is a Source of one stream, such as standard input.
type Reader struct {
	Name string
	R    io.Reader
}

var _ Source = (*Reader)(nil)

// Units yields the stream as one unit; the engine reads it in windows.
func (r *Reader) Units(_ context.Context, emit func(Unit) error) error {
	return emit(Unit{Path: r.Name, Open: func() (io.ReadCloser, error) { return io.NopCloser(r.R), nil }})
}
