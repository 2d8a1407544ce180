package main

// sample is go test output captured from a real run of BenchmarkFanout
// and BenchmarkSizes/n=1 (shortened), with the lines around them.
const sample = `goos: linux
goarch: amd64
pkg: github.com/redpipe-go/redpipe/bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkFanout-2     	      99	  12053763 ns/op	      2691 goredis-1rtt-B/op	         1.707 goredis-1rtt-allocs/cmd	        51.21 goredis-1rtt-allocs/op	     78618 goredis-1rtt-ns/cmd	   2358544 goredis-1rtt-ns/op	         1.101 ratio-redpipe-parallel/goredis-1rtt	         3.005 ratio-redpipe-serial/goredis-1rtt	     39363 redpipe-parallel-B/op	        12.24 redpipe-parallel-allocs/cmd	       367.3 redpipe-parallel-allocs/op	     86597 redpipe-parallel-ns/cmd	   2597916 redpipe-parallel-ns/op	     34229 redpipe-serial-B/op	        10.66 redpipe-serial-allocs/cmd	       319.7 redpipe-serial-allocs/op	    236232 redpipe-serial-ns/cmd	   7086960 redpipe-serial-ns/op	   78242 B/op	     772 allocs/op
BenchmarkSizes/n=1-2   	    1000	     123456 ns/op	      5000 goredis-ns/op	      6000 redpipe-goredis-ns/op	  1.2 ratio-redpipe-goredis/goredis	  10 goredis-allocs/op	  12 redpipe-goredis-allocs/op	  100 goredis-B/op	  200 redpipe-goredis-B/op	  300 B/op	  22 allocs/op
some log line
PASS
ok  	github.com/redpipe-go/redpipe/bench	9.829s
`
