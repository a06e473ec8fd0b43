// Command sample-service is the Pprof Lens demo target: a small HTTP service that serves
// net/http/pprof and keeps busy in the ways Go engineers chase with pprof: a CPU hot path,
// allocation churn, lock contention and a slow goroutine leak.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:6060", "listen address")
	leakEvery := flag.Duration("leak-every", 2*time.Second, "how often a goroutine leaks")
	flag.Parse()

	runtime.SetBlockProfileRate(10000) // one blocking event per 10µs blocked
	runtime.SetMutexProfileFraction(5) // one in five contention events

	go cpuLoop()
	go allocLoop()
	go contentionLoop()
	go leakLoop(*leakEvery)

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "sample-service: see /debug/pprof/\nprimes so far: %d\n", primeCount())
	})
	log.Printf("sample-service listening on http://%s/debug/pprof/", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
