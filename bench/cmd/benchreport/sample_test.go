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

// concurrentSample is one line of a real run of BenchmarkConcurrent/g=64
// (-benchtime 3x).
const concurrentSample = `BenchmarkConcurrent/g=64-2 	       3	 617198777 ns/op	      1854 goredis-cluster-p50-µs	      9740 goredis-cluster-p99-µs	     23597 goredis-cluster-req/s	      1354 goredis-p50-µs	      3504 goredis-p99-µs	     39895 goredis-req/s	         1.435 p99-redpipe-goredis-coalescing/goredis	         3.595 p99-redpipe-goredis-coalescing/rueidis	         0.8566 p99-redpipe-goredis/goredis	         1.700 p99-redpipe-redigo-coalescing/redigo	        29.26 p99-redpipe-redigo/redigo	         0.5964 p99-redpipe-router-goredis-coalescing/goredis-cluster	         0.8741 p99-redpipe-router-goredis/goredis-cluster	         3.793 p99-redpipe-rueidis-coalescing/rueidis	         1.588 p99-redpipe-rueidis/rueidis	      1239 redigo-p50-µs	      2096 redigo-p99-µs	     48560 redigo-req/s	       788.3 redpipe-goredis-coalescing-p50-µs	      5029 redpipe-goredis-coalescing-p99-µs	     61870 redpipe-goredis-coalescing-req/s	      1560 redpipe-goredis-p50-µs	      3002 redpipe-goredis-p99-µs	     35465 redpipe-goredis-req/s	       670.7 redpipe-redigo-coalescing-p50-µs	      3564 redpipe-redigo-coalescing-p99-µs	     69449 redpipe-redigo-coalescing-req/s	      1430 redpipe-redigo-p50-µs	     61342 redpipe-redigo-p99-µs	     26099 redpipe-redigo-req/s	      1498 redpipe-router-goredis-coalescing-p50-µs	      5809 redpipe-router-goredis-coalescing-p99-µs	     34860 redpipe-router-goredis-coalescing-req/s	      1698 redpipe-router-goredis-p50-µs	      8514 redpipe-router-goredis-p99-µs	     25463 redpipe-router-goredis-req/s	       864.1 redpipe-rueidis-coalescing-p50-µs	      5306 redpipe-rueidis-coalescing-p99-µs	     53583 redpipe-rueidis-coalescing-req/s	       943.5 redpipe-rueidis-p50-µs	      2222 redpipe-rueidis-p99-µs	     61019 redpipe-rueidis-req/s	       786.2 rueidis-p50-µs	      1399 rueidis-p99-µs	     77793 rueidis-req/s	         1.551 tput-redpipe-goredis-coalescing/goredis	         0.7953 tput-redpipe-goredis-coalescing/rueidis	         0.8890 tput-redpipe-goredis/goredis	         1.430 tput-redpipe-redigo-coalescing/redigo	         0.5375 tput-redpipe-redigo/redigo	         1.477 tput-redpipe-router-goredis-coalescing/goredis-cluster	         1.079 tput-redpipe-router-goredis/goredis-cluster	         0.6888 tput-redpipe-rueidis-coalescing/rueidis	         0.7844 tput-redpipe-rueidis/rueidis
`
