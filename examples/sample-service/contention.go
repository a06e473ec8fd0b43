package main

import (
	"sync"
	"time"
)

var (
	mu      sync.Mutex
	counter map[int]int = map[int]int{}
)

// contentionLoop runs workers that fight over one mutex while holding it for a while.
func contentionLoop() {
	for w := 0; w < 4; w++ {
		go func(w int) {
			for {
				updateShared(w)
				time.Sleep(100 * time.Microsecond)
			}
		}(w)
	}
}

func updateShared(w int) {
	mu.Lock()
	defer mu.Unlock()
	counter[w]++
	spin(2000)
	// Holding the lock across a short wait is what makes the others queue: contention
	// shows in the mutex and block profiles without dominating the CPU profile.
	time.Sleep(200 * time.Microsecond)
}

func spin(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x += i ^ (x >> 3)
	}
	return x
}
