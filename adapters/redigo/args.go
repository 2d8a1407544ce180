package redigo

import "unsafe"

// stringArg returns *s as an interface value without copying the string
// header to the heap.
//
// redigo's Send takes its arguments as ...interface{}, and turning a string
// into an interface allocates a copy of its header (runtime.convTstring):
// one allocation per argument of every command, more than the rest of an
// Exec costs. An interface holding a string is a pointer to a string
// header, so pointing it at the header already in the command's Args gives
// the same value: redigo's writeArg sees a string (its type switch reads
// the type word) and writes it. This is sound because redpipe never
// modifies a command's arguments once queued (ports.Command), and the
// interface keeps them reachable for as long as anything holds it.
func stringArg(s *string) (v any) {
	*(*eface)(unsafe.Pointer(&v)) = eface{typ: stringType, data: unsafe.Pointer(s)}
	return v
}

// eface is the layout of an interface{} value (runtime.eface).
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// stringType is the type word of an interface holding a string.
var stringType = func() unsafe.Pointer {
	var v any = ""
	return (*eface)(unsafe.Pointer(&v)).typ
}()
