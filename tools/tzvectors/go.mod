module github.com/authmate-ts/tools/tzvectors

go 1.24

require github.com/nspcc-dev/tzhash v1.8.3

require golang.org/x/sys v0.35.0 // indirect
