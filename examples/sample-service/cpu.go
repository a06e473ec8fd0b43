package main

import (
	"crypto/sha256"
	"sync/atomic"
	"time"
)

var primes atomic.Int64

func primeCount() int64 { return primes.Load() }

// cpuLoop is the CPU hot path: a naive prime sieve plus hashing, in a loop.
func cpuLoop() {
	for {
		n := countPrimes(30000)
		primes.Store(int64(n))
		hashWork(2000)
		time.Sleep(time.Millisecond)
	}
}

func countPrimes(limit int) int {
	count := 0
	for i := 2; i < limit; i++ {
		if isPrime(i) {
			count++
		}
	}
	return count
}

func isPrime(n int) bool {
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func hashWork(rounds int) [32]byte {
	sum := sha256.Sum256([]byte("pprof lens"))
	for i := 0; i < rounds; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}
