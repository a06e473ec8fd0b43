// The CodeLens line of a profiled function: by its own name (functions, methods with their receiver,
// generics), nearest to its first sampled line, also when the source moved since the profile; closures
// fall back to the nearest `func` above; a start line from the profile wins.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { declarationLine, declarationPattern } from '../../../src/extension/annotations/declarationLine';

const src = `package main

func updateShared() {
	mu.Lock()
	spin(100)
	mu.Unlock()
}

func spin(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x += i
	}
	return x
}

func (s *Server) Handle(w http.ResponseWriter) {
	go func() {
		s.work()
	}()
}

func (Server) Name() string { return "s" }

func Map[K comparable, V any](m map[K]V) {}
`.split('\n');

const at = (i: number) => src[i];
const line = (name: string, firstLine: number, startLine = 0) => declarationLine({ name, firstLine, startLine }, src.length, at) + 1;

test('plain functions are found by name, even when the sampled line moved into another function', () => {
  assert.equal(line('main.spin', 11), 9);
  // The profile was taken before two lines were added above spin: its first sampled line now falls in
  // updateShared, but the lens still goes on spin's declaration.
  assert.equal(line('main.spin', 5), 9);
  assert.equal(line('main.updateShared', 4), 3);
});

test('methods by receiver type, pointer or not; generics', () => {
  assert.equal(line('example.com/svc.(*Server).Handle', 19), 17);
  assert.equal(line('example.com/svc.Server.Name', 23), 23);
  assert.equal(line('main.Map[...]', 25), 25);
});

test('closures: the nearest func above the first sampled line', () => {
  assert.equal(declarationPattern('main.(*Server).Handle.func1'), undefined);
  assert.equal(line('main.(*Server).Handle.func1', 19), 18);
});

test('a start line from the profile wins; unknown names fall back', () => {
  assert.equal(line('main.spin', 11, 3), 3);
  assert.equal(line('main.notHere', 12), 9);
});
