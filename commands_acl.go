package redpipe

// ACL: ACLDryRun ACLLog ACLLogReset ACLGenPass ACLSetUser ACLDelUser
// ACLUsers ACLWhoAmI ACLList ACLCat ACLCatArgs — argument struct ACLCatArgs
// beside them. ACL commands are keyless: on a cluster they reach the one
// node keyless commands go to, and users set there exist on that node only.

import "github.com/redpipe-go/redpipe/domain"

// ACLLogEntry is one ACL LOG entry; see package domain.
type ACLLogEntry = domain.ACLLogEntry

// ACLDryRun queues ACL DRYRUN username command args... (Redis 7.0+): "OK"
// when the user may run the command, else the reason it may not.
func (p *Pipeline) ACLDryRun(username string, command ...any) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, nil, "ACL", "DRYRUN", username).Val(command...))
}

// ACLLog queues ACL LOG [count]: the latest refusals first, count of them
// when count > 0 (else the server's default, 10).
func (p *Pipeline) ACLLog(count int64) *Future[[]*ACLLogEntry] {
	b := domain.NewBuilder(false, nil, "ACL", "LOG")
	if count > 0 {
		b.Str(itoa(count))
	}
	return queueBuilt(p, domain.ACLLog, b)
}

// ACLLogReset queues ACL LOG RESET, which empties the ACL log: "OK".
func (p *Pipeline) ACLLogReset() *Future[string] {
	return queueNoKey(p, domain.Status, false, "ACL", "LOG", "RESET")
}

// ACLGenPass queues ACL GENPASS [bits]: a random password of bits bits
// (256 when bit <= 0) as hex digits.
func (p *Pipeline) ACLGenPass(bit int) *Future[string] {
	b := domain.NewBuilder(false, nil, "ACL", "GENPASS")
	if bit > 0 {
		b.Str(itoa(int64(bit)))
	}
	return queueBuilt(p, domain.String, b)
}

// ACLSetUser queues ACL SETUSER username rule...: "OK".
func (p *Pipeline) ACLSetUser(username string, rules ...string) *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, nil, "ACL", "SETUSER", username).Str(rules...))
}

// ACLDelUser queues ACL DELUSER username: 1 if the user was deleted, 0 if
// there was none.
func (p *Pipeline) ACLDelUser(username string) *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "ACL", "DELUSER", username)
}

// ACLUsers queues ACL USERS: every user name.
func (p *Pipeline) ACLUsers() *Future[[]string] {
	return queueNoKey(p, domain.Strings, false, "ACL", "USERS")
}

// ACLWhoAmI queues ACL WHOAMI: the user the connection is authenticated as.
func (p *Pipeline) ACLWhoAmI() *Future[string] {
	return queueNoKey(p, domain.String, false, "ACL", "WHOAMI")
}

// ACLList queues ACL LIST: every user's rules, one "user name ..." line each.
func (p *Pipeline) ACLList() *Future[[]string] {
	return queueNoKey(p, domain.Strings, false, "ACL", "LIST")
}

// ACLCat queues ACL CAT: the command categories.
func (p *Pipeline) ACLCat() *Future[[]string] {
	return queueNoKey(p, domain.Strings, false, "ACL", "CAT")
}

// ACLCatArgs is ACLCatArgs's category; empty for every category.
type ACLCatArgs struct {
	Category string
}

// ACLCatArgs queues ACL CAT [category]: the commands of the category, or
// the categories when options is nil or names none.
func (p *Pipeline) ACLCatArgs(options *ACLCatArgs) *Future[[]string] {
	if options == nil || options.Category == "" {
		return p.ACLCat()
	}
	return queueNoKey(p, domain.Strings, false, "ACL", "CAT", options.Category)
}
