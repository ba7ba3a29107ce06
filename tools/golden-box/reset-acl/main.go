// Command reset-acl applies the real neofs-s3-gw v0.45.0 rule of `neofs-s3-authmate
// reset-bucket-acl` (handler.UpdateBucketOwnership with no new record, then SetRecords on the
// old table) to eACL tables, so our planBucketAclReset can be compared with it.
//
//	reset-acl < tables.json   (a JSON array of protojson eACL tables) prints the results as a JSON array
//	reset-acl resolve RPC NAME [NAMESPACE]   resolves a bucket as the command does (api/resolver) and prints the container ID
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/nspcc-dev/neofs-s3-gw/api/handler"
	"github.com/nspcc-dev/neofs-s3-gw/api/resolver"
	"github.com/nspcc-dev/neofs-sdk-go/eacl"
)

func resolve(args []string) {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: reset-acl resolve RPC NAME [NAMESPACE]")
		os.Exit(2)
	}
	ns := ""
	if len(args) > 2 {
		ns = args[2]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := resolver.NewResolver(ctx, []string{args[0]})
	if err != nil {
		fmt.Fprintln(os.Stderr, "create resolver:", err)
		os.Exit(5)
	}
	id, err := r.ResolveCID(ctx, args[1], ns)
	if err != nil {
		fmt.Fprintln(os.Stderr, "resolve container:", err)
		os.Exit(5)
	}
	fmt.Println(id)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "resolve" {
		resolve(os.Args[2:])
		return
	}
	var in []json.RawMessage
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "error: read tables:", err)
		os.Exit(1)
	}
	out := make([]json.RawMessage, 0, len(in))
	for i, raw := range in {
		var t eacl.Table
		if err := t.UnmarshalJSON(raw); err != nil {
			fmt.Fprintf(os.Stderr, "error: table %d: %v\n", i, err)
			os.Exit(1)
		}
		// As cmd/s3-authmate/main.go v0.45.0 does with the table it read from the node.
		updated := handler.UpdateBucketOwnership(t.Records(), nil)
		t.SetRecords(updated.Records())
		b, err := t.MarshalJSON()
		if err != nil {
			fmt.Fprintf(os.Stderr, "error: table %d: %v\n", i, err)
			os.Exit(1)
		}
		out = append(out, b)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
