package domain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// Builder assembles one command's arguments; the first value that cannot
// be encoded is kept as the command's error. Package redpipe's typed
// methods and packages keyspace and structs build their commands with it.
//
// The arguments stay in the builder's own room while they fit: a builder
// usually lives on the caller's stack, and redpipe then copies them next
// to the future, so most commands cost one allocation. The room is never
// referenced by a slice stored in the builder (that would move it to the
// heap); the command's Args are set only once they outgrow it, or by a
// caller that built them itself (FromCommand).
type Builder struct {
	cmd  ports.Command
	err  error
	n    int // arguments in room, while cmd.Args is nil
	room [BuilderRoom]string
}

// BuilderRoom fits SET key value EX n GET, ZADD key score member, HSET key f v f v.
const BuilderRoom = 8

// NewBuilder starts a command whose keys are at keys (nil to set them
// later with KeysFrom or Described).
func NewBuilder(readOnly bool, keys []int, args ...string) *Builder {
	b := &Builder{cmd: ports.Command{Keys: keys, ReadOnly: readOnly}}
	return b.Str(args...)
}

// KeyCmd starts NAME key ... with the key at position 1. It is kept small
// enough to be inlined, so that the builder stays on the caller's stack.
func KeyCmd(readOnly bool, name, key string) *Builder {
	b := &Builder{cmd: ports.Command{Keys: FirstKey, ReadOnly: readOnly}, n: 2}
	b.room[0], b.room[1] = name, key
	return b
}

// FromCommand is a builder holding cmd as it is, failed with err when err
// is not nil.
func FromCommand(cmd ports.Command, err error) *Builder {
	return &Builder{cmd: cmd, err: err}
}

// Str appends arguments that are already text.
func (b *Builder) Str(s ...string) *Builder {
	for _, a := range s {
		b.push(a)
	}
	return b
}

func (b *Builder) push(a string) {
	if b.cmd.Args == nil {
		if b.n < len(b.room) {
			b.room[b.n] = a
			b.n++
			return
		}
		b.cmd.Args = make([]string, b.n, 2*len(b.room))
		copy(b.cmd.Args, b.room[:b.n])
	}
	b.cmd.Args = append(b.cmd.Args, a)
}

// Len is the number of arguments so far.
func (b *Builder) Len() int {
	if b.cmd.Args != nil {
		return len(b.cmd.Args)
	}
	return b.n
}

// Args are the arguments so far, for reading only.
func (b *Builder) Args() []string {
	if b.cmd.Args != nil {
		return b.cmd.Args
	}
	return b.room[:b.n]
}

// Val appends values encoded as AppendArg does; the first it rejects
// becomes the command's error, naming the command and the argument.
func (b *Builder) Val(vs ...any) *Builder {
	for _, v := range vs {
		var one [1]string
		enc, err := AppendArg(one[:0], v)
		for _, a := range enc {
			b.push(a)
		}
		if err != nil && b.err == nil {
			name := ""
			if b.Len() > 0 {
				name = b.Args()[0]
			}
			b.err = fmt.Errorf("%s argument %d: %w", strings.ToUpper(name), b.Len(), err)
		}
	}
	return b
}

// Fail makes err the command's error unless it already has one.
func (b *Builder) Fail(err error) *Builder {
	if b.err == nil {
		b.err = err
	}
	return b
}

// KeysFrom marks every argument from position from to the current end as a key.
func (b *Builder) KeysFrom(from int) *Builder {
	b.cmd.Keys = KeysFrom(from, b.Len())
	return b
}

// Described sets the command's keys and read-only flag from Describe, for
// the shapes whose keys are not simply the first argument.
func (b *Builder) Described() *Builder {
	b.cmd.Keys, b.cmd.ReadOnly = Describe(b.Args())
	return b
}

// Parts are what the builder holds: the command (its Args nil while the
// arguments still fit in the builder's room), the arguments in the room,
// and the first encoding error. A caller that copies the room next to
// something of its own (package redpipe, next to the future) uses Parts;
// everyone else uses Command.
func (b *Builder) Parts() (cmd ports.Command, room []string, err error) {
	return b.cmd, b.room[:b.n], b.err
}

// Command is the command built, its arguments in a slice of their own,
// and the first encoding error.
func (b *Builder) Command() (ports.Command, error) {
	cmd := b.cmd
	if cmd.Args == nil {
		cmd.Args = slices.Clone(b.room[:b.n])
	}
	return cmd, b.err
}

// ReadKey and WriteKey build the most common shape: NAME key args...
func ReadKey(name, key string, args ...string) ports.Command {
	return ports.Command{Args: KeyArgs(name, key, args), Keys: FirstKey, ReadOnly: true}
}

// WriteKey is ReadKey for a command that writes.
func WriteKey(name, key string, args ...string) ports.Command {
	return ports.Command{Args: KeyArgs(name, key, args), Keys: FirstKey}
}

// KeyArgs is name, key, args... in one allocation.
func KeyArgs(name, key string, args []string) []string {
	a := make([]string, 2+len(args))
	a[0], a[1] = name, key
	copy(a[2:], args)
	return a
}

// KeysAt sets the positions of the command's keys.
func (b *Builder) KeysAt(keys []int) *Builder {
	b.cmd.Keys = keys
	return b
}
