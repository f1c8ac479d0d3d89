// Package keysenv writes the lines of a .env file holding many Amplitude
// keys, one a line, as the benchmarks of findings use it (bench/findings.sh,
// bench/git-keys.sh and the matcher's benchmark of their versions). Names
// cycle through API keys, secret keys and both kinds of deployment key;
// the caller gives the random values.
package keysenv

import "fmt"

// shapes are the lines written in turn; %d is the line's index, %s the
// value (32 hex digits).
var shapes = []string{
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_SECRET_KEY_%d=%s\n",
	"AMPLITUDE_API_KEY_%d=%s\n",
	"AMPLITUDE_DEPLOYMENT_KEY_%d=client-%s\n",
	"AMPLITUDE_SECRET_KEY_%d=%s\n",
	"AMPLITUDE_DEPLOYMENT_KEY_%d=server-%s\n",
}

// Line returns line i (from 0) of the file, holding hex, 32 hex digits.
func Line(i int, hex string) string {
	return fmt.Sprintf(shapes[i%len(shapes)], i, hex)
}
