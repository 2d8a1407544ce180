module github.com/redpipe-go/redpipe

go 1.26
