// Package history scans git history and the staged index with the engine
// of package scanner: it opens a repository (Open), chooses commits, diffs
// their trees, reads blobs from the packs with a reader of its own, hands
// their bytes to the engine's workers, and attributes each finding to the
// commit that introduced it (Scan); ScanStaged does the same for the next
// commit. It imports scanner; scanner never imports it.
package history
