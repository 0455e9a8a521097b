// Package ent is cpanet's generated data model; the hand-written schema is in ./schema.
package ent

//go:generate go run -C .. ./ent/entc.go
//go:generate go run -C .. github.com/99designs/gqlgen generate
