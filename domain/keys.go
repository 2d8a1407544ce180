package domain

// Key position lists are shared between commands (ports.Command.Keys must
// not be modified), so the common shapes cost no allocation per command.
var positions = func() []int {
	p := make([]int, 1024)
	for i := range p {
		p[i] = i
	}
	return p
}()

// KeysFrom returns the positions from, from+1, ..., to-1.
func KeysFrom(from, to int) []int {
	if to <= from {
		return nil
	}
	if to <= len(positions) {
		return positions[from:to:to]
	}
	p := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		p = append(p, i)
	}
	return p
}

// KeysEvery returns the positions from, from+step, ... below to (MSET's keys).
func KeysEvery(from, to, step int) []int {
	if step == 1 {
		return KeysFrom(from, to)
	}
	var p []int
	for i := from; i < to; i += step {
		p = append(p, i)
	}
	return p
}

// FirstKey is the key list of every command whose only key is its first argument.
var FirstKey = KeysFrom(1, 2)
