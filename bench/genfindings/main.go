//go:build benchtools

// Command genfindings writes one .env file holding many Amplitude keys, one
// per line, for measuring memory per finding (bench/findings.sh). Names
// cycle through a few key types (API keys, secret keys, deployment keys);
// the values are random hex from a seeded generator, so the file is the
// same for a seed and no value is a real key.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
)

// lines are the shapes written in turn; %d is the line's index, %s a value.
var lines = []string{
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_SECRET_KEY_%d=%s\n",
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_DEPLOYMENT_KEY_%d=client-%s\n",
	"AMPLITUDE_SECRET_KEY_%d=%s\n",
	"AMPLITUDE_DEPLOYMENT_KEY_%d=server-%s\n",
}

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
		fmt.Fprintf(w, lines[i%len(lines)], i, hex32(r))
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
