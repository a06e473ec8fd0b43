package main

import "testing"

// The number of primes below 20000 (π(19999) = 2262): countPrimes must find exactly those.
func TestCountPrimes(t *testing.T) {
	if got, want := countPrimes(20000), 2262; got != want {
		t.Fatalf("countPrimes(20000) = %d, want %d", got, want)
	}
	for n, want := range map[int]bool{2: true, 3: true, 4: false, 9: false, 97: true, 7919: true, 7921: false} {
		if got := isPrime(n); got != want {
			t.Errorf("isPrime(%d) = %v, want %v", n, got, want)
		}
	}
}

// BenchmarkCountPrimes times the CPU hot path of cpuLoop (the sieve without the hashing): profiling
// it puts main.isPrime at the top.
func BenchmarkCountPrimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if countPrimes(20000) == 0 {
			b.Fatal("no primes")
		}
	}
}
