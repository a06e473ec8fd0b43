package main

import "time"

// leakLoop leaks one goroutine per tick: each waits forever on a channel nobody else holds, the classic
// "forgot to cancel" leak; Go 1.27's goroutine leak profile (/debug/pprof/goroutineleak) reports them.
func leakLoop(every time.Duration) {
	for range time.Tick(every) {
		ch := make(chan struct{})
		go waitForever(ch)
	}
}

func waitForever(ch chan struct{}) {
	<-ch
}
