// Command crosscheck is the command-line front of the crosscheck engine. It
// only parses flags and wires the packages together; the work happens in them.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// command is one subcommand (or one eval/bench target).
type command struct {
	summary string
	run     func(args []string) int // returns the process exit code
}

var (
	commands      = map[string]command{}
	evalTargets   = map[string]command{}
	benchTargets  = map[string]command{}
	programName   = "crosscheck"
	exitUsage     = 2
	exitInputFail = 1
)

func init() {
	commands["eval"] = command{"score a stage against a public data set: eval TARGET [flags]", func(args []string) int {
		return dispatch("eval", evalTargets, args)
	}}
	commands["bench"] = command{"measure a stage's speed on generated data: bench TARGET [flags]", func(args []string) int {
		return dispatch("bench", benchTargets, args)
	}}
}

func main() {
	os.Exit(dispatch("", commands, os.Args[1:]))
}

func dispatch(parent string, table map[string]command, args []string) int {
	name := programName
	if parent != "" {
		name += " " + parent
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(name, table)
		if len(args) == 0 {
			return exitUsage
		}
		return 0
	}
	c, ok := table[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "%s: unknown command %q\n", name, args[0])
		usage(name, table)
		return exitUsage
	}
	return c.run(args[1:])
}

func usage(name string, table map[string]command) {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", name)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-12s %s\n", k, table[k].summary)
	}
	fmt.Fprintf(&b, "\nRun '%s COMMAND --help' for a command's flags.\n", name)
	fmt.Fprint(os.Stderr, b.String())
}
