package main

import "time"

// leakLoop leaks one goroutine per tick: each waits forever on a channel nobody closes,
// the classic "forgot to cancel" leak that goroutine profiles reveal.
func leakLoop(every time.Duration) {
	for range time.Tick(every) {
		ch := make(chan struct{})
		go waitForever(ch)
	}
}

func waitForever(ch chan struct{}) {
	<-ch
}
