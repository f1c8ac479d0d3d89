//go:build benchtools

// Command genapps writes a tree of ordinary-looking application files (JS,
// TS, Python, YAML, .env) for benchmarks. About one file in fifty names
// Amplitude and holds generated fake keys, so the rules run on part of the
// corpus rather than only the gate. Output is deterministic for a seed.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "apps", "output directory")
	files := flag.Int("files", 3000, "number of files")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 7))
	for i := 0; i < *files; i++ {
		kind := kinds[i%len(kinds)]
		dir := filepath.Join(*out, fmt.Sprintf("svc-%03d", i/50), kind.dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		body := kind.body(r, i%50 == 7)
		name := filepath.Join(dir, fmt.Sprintf("file_%05d%s", i, kind.ext))
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

type kind struct {
	dir, ext string
	body     func(r *rand.Rand, amplitude bool) string
}

var kinds = []kind{
	{"src", ".ts", tsFile},
	{"app", ".py", pyFile},
	{"deploy", ".yaml", yamlFile},
	{"src", ".js", tsFile},
}

func hex32(r *rand.Rand) string {
	const d = "0123456789abcdef"
	b := make([]byte, 32)
	for i := range b {
		b[i] = d[r.IntN(16)]
	}
	return string(b)
}

var words = strings.Fields("user order item cart price total account session request response handler " +
	"config client server cache queue event metric value result error status count index name")

func ident(r *rand.Rand) string {
	return words[r.IntN(len(words))] + strings.Title(words[r.IntN(len(words))]) //nolint:staticcheck // ASCII only
}

func tsFile(r *rand.Rand, amplitude bool) string {
	var b strings.Builder
	b.WriteString("import { useEffect, useState } from 'react';\nimport api from '../lib/api';\n\n")
	if amplitude {
		fmt.Fprintf(&b, "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('%s');\n\n", hex32(r))
	}
	for f := 0; f < 60+r.IntN(60); f++ {
		fn := ident(r)
		fmt.Fprintf(&b, "export async function %s(%s: string, %s = %d) {\n", fn, ident(r), ident(r), r.IntN(1000))
		for l := 0; l < 3+r.IntN(8); l++ {
			fmt.Fprintf(&b, "  const %s = await api.get(`/v1/%s/${%s}`, { timeout: %d });\n", ident(r), words[r.IntN(len(words))], ident(r), r.IntN(5000))
		}
		fmt.Fprintf(&b, "  return { %s, status: 'ok', hash: '%s' };\n}\n\n", ident(r), hex32(r)[:12])
	}
	return b.String()
}

func pyFile(r *rand.Rand, amplitude bool) string {
	var b strings.Builder
	b.WriteString("import logging\nimport os\n\nlog = logging.getLogger(__name__)\n\n")
	if amplitude {
		fmt.Fprintf(&b, "AMPLITUDE_SECRET_KEY = \"%s\"\n\n", hex32(r))
	}
	for f := 0; f < 60+r.IntN(60); f++ {
		fmt.Fprintf(&b, "def %s(%s, %s=None):\n", strings.ToLower(ident(r)), strings.ToLower(ident(r)), strings.ToLower(ident(r)))
		for l := 0; l < 3+r.IntN(8); l++ {
			fmt.Fprintf(&b, "    %s = compute(%d, key=%q)\n", strings.ToLower(ident(r)), r.IntN(1000), words[r.IntN(len(words))])
		}
		b.WriteString("    log.info(\"done %s\", " + strings.ToLower(ident(r)) + ")\n    return True\n\n")
	}
	return b.String()
}

func yamlFile(r *rand.Rand, amplitude bool) string {
	var b strings.Builder
	b.WriteString("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n")
	for l := 0; l < 200+r.IntN(200); l++ {
		fmt.Fprintf(&b, "            - name: %s_%d\n              value: \"%d\"\n", strings.ToUpper(words[r.IntN(len(words))]), l, r.IntN(100000))
	}
	if amplitude {
		fmt.Fprintf(&b, "            - name: AMPLITUDE_API_KEY\n              value: \"%s\"\n", hex32(r))
	}
	return b.String()
}
