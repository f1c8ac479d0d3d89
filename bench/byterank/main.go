//go:build benchtools

// Command byterank prints the table rules/rarebyte.go holds: every byte
// ranked by how often it stands in lowercased source code, 0 the rarest.
// Each directory given counts equally, whatever its size, so that one
// large tree does not decide alone. The table in the repository was made
// from Go's own source tree and the checked-out files of the dense
// history that bench/git-dense.sh builds (Amplitude's npm packages and Go
// modules):
//
//	go run -tags benchtools ./bench/byterank "$(go env GOROOT)/src" bench/work/dense/repo
package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sourceExts are the kinds of file counted: code and the text around it.
var sourceExts = []string{".go", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".json", ".md", ".yml", ".yaml",
	".py", ".java", ".kt", ".swift", ".rb", ".toml", ".sh", ".html", ".txt"}

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: byterank DIR...")
	}
	var share [256]float64
	for _, root := range os.Args[1:] {
		counts, total := countTree(root)
		if total == 0 {
			log.Fatalf("%s: no source files", root)
		}
		for c := range counts {
			share[c] += float64(counts[c]) / float64(total)
		}
	}
	order := make([]int, 256)
	for c := range order {
		order[c] = c
	}
	// Rarest first; ties by byte value, so the table is reproducible.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(share[a], share[b]) })
	var rank [256]int
	for r, c := range order {
		rank[c] = r
	}
	for i := 0; i < 256; i += 16 {
		var row []string
		for _, r := range rank[i : i+16] {
			row = append(row, fmt.Sprint(r))
		}
		fmt.Printf("\t%s,\n", strings.Join(row, ", "))
	}
}

func countTree(root string) (counts [256]int, total int) {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !slices.Contains(sourceExts, strings.ToLower(filepath.Ext(path))) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
			return nil // binary
		}
		for _, c := range bytes.ToLower(data) {
			counts[c]++
		}
		total += len(data)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	return counts, total
}
