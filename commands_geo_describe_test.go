package redpipe

import (
	"errors"
	"testing"
)

// queueEveryGeoCommand queues one call of every typed geo command method.
func queueEveryGeoCommand(p *Pipeline) {
	k, d := "{g}k", "{g}d"
	p.GeoAdd(k, &GeoLocation{Name: "a", Longitude: 13.361389, Latitude: 38.115556})
	p.GeoPos(k, "a", "b")
	p.GeoDist(k, "a", "b", "")
	p.GeoHash(k, "a")
	p.GeoSearch(k, &GeoSearchQuery{Member: "a", Radius: 10})
	p.GeoSearchLocation(k, &GeoSearchLocationQuery{GeoSearchQuery: GeoSearchQuery{Longitude: 15, Latitude: 37, BoxWidth: 400, BoxHeight: 400}, WithDist: true})
	p.GeoSearchStore(k, d, &GeoSearchStoreQuery{GeoSearchQuery: GeoSearchQuery{Member: "a", Radius: 10}, StoreDist: true})
	p.GeoRadius(k, 15, 37, &GeoRadiusQuery{Radius: 200, WithCoord: true})
	p.GeoRadiusByMember(k, "a", &GeoRadiusQuery{Radius: 200})
	p.GeoRadiusStore(k, 15, 37, &GeoRadiusQuery{Radius: 200, Store: d})
	p.GeoRadiusByMemberStore(k, "a", &GeoRadiusQuery{Radius: 200, StoreDist: d})
}

func TestGeoCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryGeoCommand(p)
	for _, e := range p.tree.queued() {
		checkDescribed(t, e)
	}
}

func TestGeoCommandArguments(t *testing.T) {
	cases := []argCase{
		{func(p *Pipeline) { p.GeoRadius("k", 15, 37, &GeoRadiusQuery{Radius: 200}) }, "GEORADIUS_RO k 15 37 200 km"},
		{func(p *Pipeline) {
			p.GeoRadius("k", 15.5, -37.25, &GeoRadiusQuery{Radius: 1.5, Unit: "mi", WithCoord: true, WithDist: true, WithGeoHash: true, Count: 3, Sort: "ASC"})
		}, "GEORADIUS_RO k 15.5 -37.25 1.5 mi WITHCOORD WITHDIST WITHHASH COUNT 3 ASC"},
		{func(p *Pipeline) { p.GeoRadiusByMember("k", "m", &GeoRadiusQuery{Radius: 5, Unit: "m", Sort: "DESC"}) }, "GEORADIUSBYMEMBER_RO k m 5 m DESC"},
		{func(p *Pipeline) { p.GeoRadiusStore("k", 1, 2, &GeoRadiusQuery{Radius: 3, Store: "s"}) }, "GEORADIUS k 1 2 3 km STORE s"},
		{func(p *Pipeline) { p.GeoRadiusStore("k", 1, 2, &GeoRadiusQuery{Radius: 3, Store: "s", StoreDist: "d"}) }, "GEORADIUS k 1 2 3 km STORE s STOREDIST d"},
		{func(p *Pipeline) {
			p.GeoRadiusByMemberStore("k", "m", &GeoRadiusQuery{Radius: 3, Count: 2, StoreDist: "d"})
		}, "GEORADIUSBYMEMBER k m 3 km COUNT 2 STOREDIST d"},
		{func(p *Pipeline) {
			p.GeoSearchStore("k", "d", &GeoSearchStoreQuery{GeoSearchQuery: GeoSearchQuery{Member: "m", Radius: 10}})
		}, "GEOSEARCHSTORE d k FROMMEMBER m BYRADIUS 10 km"},
		{func(p *Pipeline) {
			p.GeoSearchStore("k", "d", &GeoSearchStoreQuery{GeoSearchQuery: GeoSearchQuery{Longitude: 1, Latitude: 2, BoxWidth: 3, BoxHeight: 4, BoxUnit: "m", Sort: "ASC", Count: 5, CountAny: true}, StoreDist: true})
		}, "GEOSEARCHSTORE d k FROMLONLAT 1 2 BYBOX 3 4 m ASC COUNT 5 ANY STOREDIST"},
	}
	checkArguments(t, cases)
}

func TestGeoRadiusRefusesTheWrongStoreOptions(t *testing.T) {
	p := New().Pipeline()
	read := p.GeoRadius("k", 1, 2, &GeoRadiusQuery{Radius: 1, Store: "s"})
	readMember := p.GeoRadiusByMember("k", "m", &GeoRadiusQuery{Radius: 1, StoreDist: "s"})
	store := p.GeoRadiusStore("k", 1, 2, &GeoRadiusQuery{Radius: 1})
	storeMember := p.GeoRadiusByMemberStore("k", "m", nil)
	if err := p.Exec(t.Context()); !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("Exec: %v, want ErrInvalidValue", err)
	}
	for _, err := range []error{read.Err(), readMember.Err()} {
		if !errors.Is(err, errGeoRadiusStore) {
			t.Errorf("read form with Store: %v", err)
		}
	}
	for _, err := range []error{store.Err(), storeMember.Err()} {
		if !errors.Is(err, errGeoRadiusNoStore) {
			t.Errorf("store form without Store: %v", err)
		}
	}
}
