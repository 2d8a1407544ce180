package structs_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/structs"
)

func testUsers() *structs.Def {
	return &structs.Def{
		Prefix:   "user",
		KeyName:  "user_id",
		Fields:   redpipe.Fields{"name": redpipe.Text, "age": redpipe.Int},
		Required: []string{"name"},
	}
}

func TestStructLocalNormalizesAsALoadWould(t *testing.T) {
	u, err := testUsers().Local(map[string]any{"user_id": uint8(7), "name": "Ann", "age": int16(3), "nick": "a", "gone": nil})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID() != "7" || u.Key() != "user{7}" || u.Len() != 4 || !u.Persisted() {
		t.Fatalf("got id %q key %q len %d persisted %v", u.ID(), u.Key(), u.Len(), u.Persisted())
	}
	want := map[string]any{"user_id": "7", "name": "Ann", "age": int64(3), "nick": "a"}
	if !reflect.DeepEqual(u.Map(), want) {
		t.Fatalf("Map() = %#v, want %#v", u.Map(), want)
	}
	if _, err := u.Text("age"); !errors.Is(err, domain.ErrUnexpectedReply) ||
		err.Error() != `redpipe: unexpected reply type: struct "user" field "age" holds a int64, not a string` {
		t.Fatalf("Text of an Int field: %v", err)
	}
	if u.Has("gone") {
		t.Fatal("a nil value is no field")
	}
}

// Rejected input never needs a server: the client below has no connection,
// so anything sent would fail with ErrUnknownConn instead.
func TestStructRejectsBadDefinitionsAndInputBeforeSending(t *testing.T) {
	ctx := context.Background()
	c := redpipe.New()
	declaredKey := testUsers()
	declaredKey.Fields = redpipe.Fields{"user_id": redpipe.Int}
	noKey := testUsers()
	noKey.KeyName = ""
	cases := []struct {
		def  *structs.Def
		data map[string]any
		want string
	}{
		{declaredKey, map[string]any{"user_id": "1", "name": "a"}, `redpipe: invalid value: struct "user" declares its key name "user_id" as a field; the key holds it`},
		{noKey, map[string]any{"name": "a"}, `redpipe: invalid value: struct "user" has no KeyName`},
		{testUsers(), map[string]any{"user_id": "1"}, `redpipe: invalid value: struct "user": the required field "name" is missing`},
		{testUsers(), map[string]any{"user_id": "1", "name": 5}, `struct "user" field "name": redpipe: invalid value: Text codec: got a int, want a string`},
		{testUsers(), map[string]any{"user_id": []int{1}, "name": "a"}, `struct "user" key name "user_id": redpipe: invalid value: an id must be a string or an integer, got a []int`},
	}
	for _, tc := range cases {
		for name, rec := range map[string]*structs.Struct{
			"Create":   tc.def.Create(ctx, c, tc.data),
			"CreateNX": tc.def.CreateNX(ctx, c, tc.data),
		} {
			if err := rec.Err(); !errors.Is(err, redpipe.ErrInvalidValue) || err.Error() != tc.want {
				t.Errorf("%s(%v): %v, want %s", name, tc.data, err, tc.want)
			}
		}
	}
	if _, err := noKey.Load(ctx, c, "1").Done().Result(); !errors.Is(err, redpipe.ErrInvalidValue) {
		t.Errorf("Load with no KeyName: %v", err)
	}
	if _, err := noKey.Delete(ctx, c, "1").Result(); !errors.Is(err, redpipe.ErrInvalidValue) {
		t.Errorf("Delete with no KeyName: %v", err)
	}
}

func TestStructOperationsWithNothingToDoSendNothing(t *testing.T) {
	ctx := context.Background()
	u, err := testUsers().Local(map[string]any{"user_id": "1", "name": "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	c := redpipe.New() // no connection: anything sent would fail
	if ok, err := u.Update(ctx, c, nil).Result(); !ok || err != nil {
		t.Errorf("empty Update: %v, %v", ok, err)
	}
	if n, err := u.Remove(ctx, c).Result(); n != 0 || err != nil {
		t.Errorf("empty Remove: %v, %v", n, err)
	}
}

func TestRepositoryOfAnUnstorableTypeIsAnErrorNotAPanic(t *testing.T) {
	type bad struct {
		F func() `redis:"f"`
	}
	r := structs.NewRepository[bad]("bad")
	want := `redpipe: invalid value: structs_test.bad.F (redis:"f"): a func() cannot be stored, not even as JSON; tag it redis:"-" to skip it`
	if err := r.Err(); !errors.Is(err, redpipe.ErrInvalidValue) || err.Error() != want {
		t.Fatalf("Err() = %v", err)
	}
	if r.Fields() != nil {
		t.Fatalf("Fields() = %v", r.Fields())
	}
	ctx := context.Background()
	if _, err := r.Load(ctx, redpipe.New(), "1").Result(); err.Error() != want {
		t.Fatalf("Load: %v", err)
	}
	if _, err := r.Update(ctx, redpipe.New(), "1", map[string]any{"f": 1}).Result(); err.Error() != "bad{1}: "+want {
		t.Fatalf("Update: %v", err)
	}
}
