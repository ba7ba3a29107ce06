// Command tzvectors prints Tillich-Zémor golden vectors computed by the real
// github.com/nspcc-dev/tzhash module, or (with -bench) its throughput, so that
// bench/tz.mjs can compare ours with Go's in the same run.
//
//	go run . > ../../test/vectors/tz/tzhash.json
//	go run . -bench -size 1048576 -rounds 20
package main

import (
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/nspcc-dev/tzhash/tz"
)

type vector struct {
	Name  string `json:"name"`
	Input string `json:"input"` // hex
	Hash  string `json:"hash"`  // hex, 64 bytes
}

type concatVector struct {
	Parts []string `json:"parts"` // hex of each part's input
	Hash  string   `json:"hash"`  // tz.Concat of the parts' hashes
}

type output struct {
	Source string         `json:"source"`
	Hashes []vector       `json:"hashes"`
	Concat []concatVector `json:"concat"`
}

// xorshift32 makes reproducible pseudo-random payloads without committing large inputs.
func pseudoRandom(seed uint32, n int) []byte {
	out := make([]byte, n)
	x := seed
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = byte(x >> 24)
	}
	return out
}

func main() {
	bench := flag.Bool("bench", false, "print MB/s of tz.Sum instead of vectors")
	size := flag.Int("size", 1<<20, "bench payload size in bytes")
	rounds := flag.Int("rounds", 10, "bench rounds")
	flag.Parse()

	if *bench {
		data := pseudoRandom(7, *size)
		tz.Sum(data) // warm up
		start := time.Now()
		for i := 0; i < *rounds; i++ {
			tz.Sum(data)
		}
		secs := time.Since(start).Seconds()
		fmt.Printf("%.3f\n", float64(*size)*float64(*rounds)/secs/1e6)
		return
	}

	var out output
	out.Source = "github.com/nspcc-dev/tzhash v1.8.3 tz.Sum / tz.Concat (tools/tzvectors)"
	add := func(name string, in []byte) {
		h := tz.Sum(in)
		out.Hashes = append(out.Hashes, vector{name, hex.EncodeToString(in), hex.EncodeToString(h[:])})
	}
	add("empty", nil)
	for _, b := range []byte{0x00, 0x01, 0x80, 0xff} {
		add(fmt.Sprintf("byte %02x", b), []byte{b})
	}
	for _, n := range []int{2, 3, 7, 16, 31, 64, 127, 128, 129, 1000, 4096} {
		add(fmt.Sprintf("pseudo-random %d bytes", n), pseudoRandom(uint32(n), n))
	}
	zeros := make([]byte, 1024)
	add("1024 zero bytes", zeros)
	ones := make([]byte, 1024)
	for i := range ones {
		ones[i] = 0xff
	}
	add("1024 ff bytes", ones)

	for _, split := range [][]int{{0, 5}, {1, 1}, {3, 60, 200}, {1000, 24, 0, 7}} {
		var cv concatVector
		var hs [][]byte
		for i, n := range split {
			p := pseudoRandom(uint32(100+i*31+n), n)
			h := tz.Sum(p)
			hs = append(hs, h[:])
			cv.Parts = append(cv.Parts, hex.EncodeToString(p))
		}
		c, err := tz.Concat(hs)
		if err != nil {
			panic(err)
		}
		cv.Hash = hex.EncodeToString(c)
		out.Concat = append(out.Concat, cv)
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
