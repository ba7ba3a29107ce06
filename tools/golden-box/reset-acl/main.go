// Command reset-acl applies the real neofs-s3-gw v0.45.0 rule of `neofs-s3-authmate
// reset-bucket-acl` (handler.UpdateBucketOwnership with no new record, then SetRecords on the
// old table) to eACL tables, so our planBucketAclReset can be compared with it.
//
//	reset-acl < tables.json   (a JSON array of protojson eACL tables) prints the results as a JSON array
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/nspcc-dev/neofs-s3-gw/api/handler"
	"github.com/nspcc-dev/neofs-sdk-go/eacl"
)

func main() {
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
