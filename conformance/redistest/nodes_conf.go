package redistest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// nodesConf is the cluster config file a node of the cluster writes in its
// dir (--cluster-config-file).
func (s *Server) nodesConf() string {
	return filepath.Join(s.Dir, fmt.Sprintf("nodes-%d.conf", s.Port))
}

// alignShardIDs gives every replica of the node's cluster config file its
// primary's shard-id, before Restart. Valkey 8.0 refuses to start with
// "corrupted cluster config file" when the node was killed before the
// shard ids it had heard of agreed, a replica's differing from its
// primary's (valkey-io/valkey#774, #2171; later Valkey takes a replica's
// shard id from its primary instead). That is the value the server itself
// would have settled on, so the file stays the node's own; one without
// shard ids (Redis 7.0) is left as it is.
func alignShardIDs(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	aligned, changed := alignedShardIDs(string(data))
	if !changed {
		return nil
	}
	tmp := path + ".aligned"
	if err := os.WriteFile(tmp, []byte(aligned), 0o644); err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	return nil
}

// alignedShardIDs is alignShardIDs on the file's text. A node line is
// "<id> <ip:port@cport[,hostname][,aux=value...]> <flags> <primary id|-> ...".
func alignedShardIDs(text string) (string, bool) {
	lines := strings.Split(text, "\n")
	shard := map[string]string{} // node id -> its shard-id
	for _, l := range lines {
		if f := strings.Fields(l); len(f) >= 4 {
			if id := shardID(f[1]); id != "" {
				shard[f[0]] = id
			}
		}
	}
	changed := false
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) < 4 || !strings.Contains(f[2], "slave") {
			continue
		}
		own, primary := shardID(f[1]), shard[f[3]]
		if own == "" || primary == "" || own == primary {
			continue
		}
		lines[i] = strings.Replace(l, "shard-id="+own, "shard-id="+primary, 1)
		changed = true
	}
	return strings.Join(lines, "\n"), changed
}

// shardID is the shard-id aux field of a node line's address column.
func shardID(addr string) string {
	for _, part := range strings.Split(addr, ",") {
		if v, ok := strings.CutPrefix(part, "shard-id="); ok {
			return v
		}
	}
	return ""
}
