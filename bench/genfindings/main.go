//go:build benchtools

// Command genfindings writes one .env file holding many Amplitude keys, one
// per line (see internal/keysenv), for measuring memory per finding
// (bench/findings.sh). The values are random hex from a seeded generator,
// so the file is the same for a seed and no value is a real key.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"

	"github.com/ampscan/ampscan/internal/keysenv"
)

func main() {
	out := flag.String("out", "findings.env", "file to write")
	n := flag.Int("n", 200000, "number of keys")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewPCG(*seed, 11))
	for i := 0; i < *n; i++ {
		if _, err := w.WriteString(keysenv.Line(i, hex32(r))); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func hex32(r *rand.Rand) string {
	return fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
}
